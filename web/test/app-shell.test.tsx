// The signed-in frame (components/app-shell.tsx): navigation state, menu, skip link and sign out.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { AppShell } from "@/components/ui/app-shell";
import { ThemeProvider } from "@/components/ui/theme-provider";
import { authClient, authError, resetAuthClient } from "./auth-client-mock.ts";
import { navigation } from "./navigation-mock.ts";

vi.mock("@/lib/auth/client", async () => ({ authClient: (await import("./auth-client-mock.ts")).authClient }));
vi.mock("next/navigation", async () => (await import("./navigation-mock.ts")).navigation.module);

function renderShell(pathname = "/tasks") {
  navigation.reset("", pathname);
  const user = userEvent.setup();
  render(
    <ThemeProvider initial="system">
      <AppShell user={{ name: "Ada", email: "ada@example.com" }}>
        <p>Page body</p>
      </AppShell>
    </ThemeProvider>,
  );
  return { user };
}

beforeEach(() => {
  resetAuthClient();
});

describe("navigation", () => {
  it("marks the current page with aria-current", () => {
    renderShell("/tasks");
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Tasks" })).toHaveAttribute("aria-current", "page");
    expect(within(nav).getByRole("link", { name: "Dashboard" })).not.toHaveAttribute("aria-current");
    expect(within(nav).getByRole("link", { name: "Settings" })).toHaveAttribute("href", "/settings");
  });

  it("offers a skip link to the main content, and shows the user's email", () => {
    renderShell();
    expect(screen.getByRole("link", { name: "Skip to content" })).toHaveAttribute("href", "#main");
    expect(screen.getByRole("main")).toHaveAttribute("id", "main");
    expect(screen.getByText("ada@example.com")).toBeInTheDocument();
  });

  it("opens and closes the small-screen menu", async () => {
    const { user } = renderShell();
    const toggle = screen.getByRole("button", { name: "Menu" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(toggle).toHaveAttribute("aria-controls", "app-menu");
    await user.click(toggle);
    expect(screen.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");
  });
});

describe("sign out", () => {
  it("signs out, then replaces the page with /signin and refreshes", async () => {
    const { user } = renderShell();
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    expect(authClient.signOut).toHaveBeenCalled();
    await waitFor(() => expect(navigation.router.replace).toHaveBeenCalledWith("/signin"));
    expect(navigation.router.refresh).toHaveBeenCalled();
  });

  it("stays and explains when signing out fails", async () => {
    authClient.signOut.mockResolvedValueOnce(authError(500, undefined, "boom"));
    const { user } = renderShell();
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not sign out. Something went wrong on our side.");
    expect(navigation.router.replace).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Sign out" })).toBeEnabled();
  });
});
