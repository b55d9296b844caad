// Settings → Connected accounts and the sign-in pages' provider buttons, with Better Auth's client mocked.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ProviderButtons } from "@/components/auth/provider-buttons";
import { ConnectedAccounts } from "@/components/settings/connected-accounts";
import { authClient, authError, resetAuthClient } from "./auth-client-mock.ts";
import { navigation } from "./navigation-mock.ts";

vi.mock("@/lib/auth/client", async () => ({ authClient: (await import("./auth-client-mock.ts")).authClient }));
vi.mock("next/navigation", async () => (await import("./navigation-mock.ts")).navigation.module);

const connected = { iso: "2026-12-01T10:00:00.000Z", text: "1 Dec 2026, 10:00 UTC" };
const PASSWORD = { id: "acc-1", providerId: "credential", name: "Email and password", connected };
const DEV = { id: "acc-2", providerId: "oidc", name: "Dev OpenID", connected };
const PROVIDERS = [
  { id: "github", name: "GitHub" },
  { id: "oidc", name: "Dev OpenID" },
];

beforeEach(() => {
  resetAuthClient();
  navigation.reset("", "/settings");
});

describe("connected accounts", () => {
  it("lists the ways in and offers only the providers not connected yet", () => {
    render(<ConnectedAccounts initialAccounts={[PASSWORD, DEV]} providers={PROVIDERS} />);
    expect(screen.getByText("Email and password")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Connect GitHub" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Connect Dev OpenID" })).toBeNull();
    // The password is not disconnected here (it is changed in its own section).
    expect(screen.getAllByRole("button", { name: /^Disconnect/ })).toHaveLength(1);
  });

  it("connects through link-social, back to Settings, failures to the problem page", async () => {
    render(<ConnectedAccounts initialAccounts={[PASSWORD]} providers={PROVIDERS} />);
    await userEvent.setup().click(screen.getByRole("button", { name: "Connect GitHub" }));
    expect(authClient.linkSocial).toHaveBeenCalledWith({
      provider: "github",
      callbackURL: "/settings",
      errorCallbackURL: "/sign-in-problem",
    });
  });

  it("disconnects, and says why the last way in stays", async () => {
    const user = userEvent.setup();
    render(<ConnectedAccounts initialAccounts={[PASSWORD, DEV]} providers={PROVIDERS} />);
    await user.click(screen.getByRole("button", { name: "Disconnect Dev OpenID" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Dev OpenID is disconnected."));
    expect(authClient.unlinkAccount).toHaveBeenCalledWith({ accountId: "acc-2" });
    expect(screen.queryByText("Dev OpenID")).toBeNull();

    authClient.unlinkAccount.mockResolvedValueOnce(authError(400, "FAILED_TO_UNLINK_LAST_ACCOUNT"));
    render(<ConnectedAccounts initialAccounts={[DEV]} providers={PROVIDERS} />);
    await user.click(screen.getByRole("button", { name: "Disconnect Dev OpenID" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("only way to sign in"));
  });
});

describe("provider buttons", () => {
  it("shows one button per configured provider, and nothing when there are none", () => {
    const { container, rerender } = render(<ProviderButtons providers={[]} />);
    expect(container.textContent).toBe("");
    rerender(<ProviderButtons providers={PROVIDERS} />);
    expect(screen.getAllByRole("button").map((button) => button.textContent)).toEqual([
      "Continue with GitHub",
      "Continue with Dev OpenID",
    ]);
  });

  it("signs in at the provider and comes back to ?from= when it is on this site, else the dashboard", async () => {
    const user = userEvent.setup();
    navigation.reset("?from=/tasks%3Fstatus%3Ddone", "/signin");
    render(<ProviderButtons providers={PROVIDERS} />);
    await user.click(screen.getByRole("button", { name: "Continue with Dev OpenID" }));
    expect(authClient.signIn.social).toHaveBeenLastCalledWith({
      provider: "oidc",
      callbackURL: "/tasks?status=done",
      errorCallbackURL: "/sign-in-problem",
    });
  });

  it("falls back to the dashboard for an off-site ?from=, and says so when the provider cannot be reached", async () => {
    const user = userEvent.setup();
    navigation.reset("?from=https://evil.example/", "/signin");
    authClient.signIn.social.mockResolvedValueOnce(authError(0));
    render(<ProviderButtons providers={PROVIDERS} />);
    await user.click(screen.getByRole("button", { name: "Continue with GitHub" }));
    expect(authClient.signIn.social).toHaveBeenLastCalledWith(expect.objectContaining({ callbackURL: "/dashboard" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("cannot be reached"));
  });
});
