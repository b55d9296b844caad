// A mailed link's secrets (the reset token, an e-mail change's tokens) are read once by the page
// that needs them and removed from the address bar at once (history.replaceState); the page then
// acts only on a button. Better Auth's client and Next's router are mocked.
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import fc from "fast-check";
import type { ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EmailChangeDecision } from "@/components/auth/email-change-decision";
import { ResetPasswordFromLink } from "@/components/auth/reset-password-from-link";
import { ForgetLinkSecrets } from "@/components/ui/forget-link-secrets";
import { takeLinkSecrets } from "@/components/ui/use-link-secrets";
import { confirmEmailChangeUrl } from "@/lib/auth/ui/email-change-links";
import { authClient, authError, resetAuthClient } from "./auth-client-mock.ts";
import { navigation } from "./navigation-mock.ts";

vi.mock("@/lib/auth/client", async () => ({ authClient: (await import("./auth-client-mock.ts")).authClient }));
vi.mock("next/navigation", async () => (await import("./navigation-mock.ts")).navigation.module);
vi.mock("@/lib/auth/server", () => ({ getSession: vi.fn(async () => null) }));

const TOKEN = "abcdefghijklmnopqrstuvwx";
// { email: "ada@example.com", updateTo: "ada@new.example", requestType: "change-email-confirmation" }, unsigned.
const CONFIRM = `eyJhbGciOiJIUzI1NiJ9.${btoa(
  JSON.stringify({ email: "ada@example.com", updateTo: "ada@new.example", requestType: "change-email-confirmation" }),
).replace(/=+$/, "")}.c2lnbmF0dXJl`;
const CANCEL = "CancelToken0123456789abcdefghijk";

/** The address bar, as the person sees it. */
const addressBar = () => window.location.href;
const open = (path: string) => window.history.replaceState(null, "", path);

beforeEach(() => {
  resetAuthClient();
  navigation.reset("", "/");
});
afterEach(() => open("/"));

describe("the reset page", () => {
  it("reads the token from the link's fragment, removes it from the address bar, and sends it with the new password", async () => {
    open(`/reset-password#token=${TOKEN}`);
    const user = userEvent.setup();
    render(<ResetPasswordFromLink />);
    expect(await screen.findByRole("heading", { name: "Choose a new password" })).toBeVisible();
    expect(addressBar()).toBe("http://localhost:3000/reset-password");
    await user.type(screen.getByLabelText("New password"), "a brand new passphrase");
    await user.type(screen.getByLabelText("Confirm new password"), "a brand new passphrase");
    await user.click(screen.getByRole("button", { name: "Set new password" }));
    expect(authClient.resetPassword).toHaveBeenCalledWith({ newPassword: "a brand new passphrase", token: TOKEN });
  });

  it("takes a token from the query string too (Better Auth's own link), and removes it", async () => {
    open(`/reset-password?token=${TOKEN}`);
    render(<ResetPasswordFromLink />);
    expect(await screen.findByRole("heading", { name: "Choose a new password" })).toBeVisible();
    expect(addressBar()).toBe("http://localhost:3000/reset-password");
  });

  it.each(["", "#token=", "#token=short", `#token=${TOKEN}!`, "#other=1"])("shows a dead link for %j", async (hash) => {
    open(`/reset-password${hash}`);
    render(<ResetPasswordFromLink />);
    expect(await screen.findByRole("heading", { name: "This link cannot be used" })).toBeVisible();
    expect(screen.getByRole("link", { name: "Get a new link" })).toHaveAttribute("href", "/forgot-password");
    expect(addressBar()).not.toContain("token=");
  });

  it("sends no input and no token in the server's HTML", () => {
    const html = renderToString(<ResetPasswordFromLink />);
    expect(html).not.toContain("<input");
    expect(html).toContain('aria-hidden="true"');
  });
});

describe("the verify page", () => {
  it("removes a token from the address bar and keeps the rest", async () => {
    open(`/verify-email?token=${CONFIRM}&flow=change-email#token=${TOKEN}`);
    render(<ForgetLinkSecrets names={["token"]} />);
    await act(async () => {});
    expect(addressBar()).toBe("http://localhost:3000/verify-email?flow=change-email");
  });

  it("is wired into /verify-email", async () => {
    const { default: VerifyEmailPage } = await import("@/app/(session)/verify-email/page");
    const page = (await VerifyEmailPage({ searchParams: Promise.resolve({}) })) as ReactElement<{ children: ReactElement[] }>;
    expect(page.props.children.some((child) => child.type === ForgetLinkSecrets)).toBe(true);
  });
});

describe("takeLinkSecrets", () => {
  it("leaves no trace of a secret in the address bar, whatever it holds, and keeps every other parameter (property)", () => {
    const name = fc.stringMatching(/^[a-z]{1,8}$/).filter((n) => n !== "token");
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.dictionary(name, fc.string()), fc.boolean(), (secret, others, inFragment) => {
        const params = new URLSearchParams(others);
        const withSecret = new URLSearchParams(params);
        withSecret.set("token", secret);
        open(inFragment ? `/p?${params}#${withSecret}` : `/p?${withSecret}#${params}`);
        expect(takeLinkSecrets(["token"])).toEqual({ token: secret });
        const url = new URL(addressBar());
        expect(url.searchParams.has("token")).toBe(false);
        expect(new URLSearchParams(url.hash.slice(1)).has("token")).toBe(false);
        for (const [key, value] of Object.entries(others)) {
          expect([url.searchParams.get(key), new URLSearchParams(url.hash.slice(1)).get(key)]).toContain(value);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("the e-mail change page", () => {
  it("reads both tokens, clears the address bar, names the new address, and confirms only on the button", async () => {
    open(`/email-change#confirm=${CONFIRM}&cancel=${CANCEL}`);
    const assign = vi.spyOn(window.location, "assign").mockImplementation(() => undefined);
    const user = userEvent.setup();
    render(<EmailChangeDecision />);
    expect(await screen.findByRole("heading", { name: "Confirm the change of your email address" })).toBeVisible();
    expect(addressBar()).toBe("http://localhost:3000/email-change");
    expect(screen.getByText(/ada@new\.example/)).toBeVisible();
    expect(assign).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Yes, change it" }));
    expect(assign).toHaveBeenCalledWith(confirmEmailChangeUrl(CONFIRM));
    expect(authClient.emailChange.cancel).not.toHaveBeenCalled();
    assign.mockRestore();
  });

  it("cancels on 'this wasn't me', then says every device is signed out and to choose a new password", async () => {
    open(`/email-change#cancel=${CANCEL}`);
    const user = userEvent.setup();
    render(<EmailChangeDecision />);
    expect(await screen.findByRole("heading", { name: "Cancel the change of your email address" })).toBeVisible();
    expect(screen.queryByRole("button", { name: "Yes, change it" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "This wasn't me: cancel it and sign out every device" }));
    // emailChange.cancel is POST /api/auth/email-change/cancel {token} (auth-client.test.tsx).
    expect(authClient.emailChange.cancel).toHaveBeenCalledWith({ token: CANCEL });
    expect(await screen.findByRole("status")).toHaveTextContent("every device signed in to your account is signed out");
    expect(screen.getByRole("link", { name: "Choose a new password" })).toHaveAttribute("href", "/forgot-password");
  });

  it("explains a cancel link that no longer works", async () => {
    authClient.emailChange.cancel.mockResolvedValueOnce(authError(400, "INVALID_TOKEN"));
    open(`/email-change#cancel=${CANCEL}`);
    const user = userEvent.setup();
    render(<EmailChangeDecision />);
    await user.click(await screen.findByRole("button", { name: "This wasn't me: cancel it and sign out every device" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This link is not valid any more");
  });

  it("says an incomplete link is incomplete", async () => {
    open("/email-change");
    render(<EmailChangeDecision />);
    expect(await screen.findByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  });
});
