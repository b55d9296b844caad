// The theme toggle (components/ui/theme-toggle.tsx with theme-provider.tsx): it starts from the
// theme the server rendered, and a choice changes <html data-theme> at once and writes the cookie
// that the next page's server render reads.
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { ThemeProvider } from "@/components/ui/theme-provider";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import type { Theme } from "@/lib/theme/theme";

function renderToggle(initial: Theme) {
  document.documentElement.dataset.theme = initial;
  render(
    <ThemeProvider initial={initial}>
      <ThemeToggle />
    </ThemeProvider>,
  );
  return userEvent.setup();
}

afterEach(() => {
  // biome-ignore lint/suspicious/noDocumentCookie: resetting the page's cookie between tests.
  document.cookie = "theme=; Path=/; Max-Age=0";
});

describe("ThemeToggle", () => {
  it("is a group of three radios named Theme, checked at the server's theme", () => {
    renderToggle("dark");
    expect(screen.getByRole("group", { name: "Theme" })).toBeInTheDocument();
    expect(screen.getAllByRole("radio")).toHaveLength(3);
    expect(screen.getByRole("radio", { name: "Dark" })).toBeChecked();
    expect(screen.getByRole("radio", { name: "System" })).not.toBeChecked();
  });

  it("applies a choice to the page at once and remembers it in the cookie", async () => {
    const user = renderToggle("system");
    await user.click(screen.getByRole("radio", { name: "Light" }));
    expect(document.documentElement.dataset.theme).toBe("light");
    expect(document.cookie).toContain("theme=light");
    expect(screen.getByRole("radio", { name: "Light" })).toBeChecked();

    await user.click(screen.getByRole("radio", { name: "System" }));
    expect(document.documentElement.dataset.theme).toBe("system");
    expect(document.cookie).toContain("theme=system");
  });
});
