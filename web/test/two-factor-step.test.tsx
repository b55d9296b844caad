// The sign-in's code step (components/auth/two-factor-step.tsx) and the sign-in form's hand-over
// to it, with Better Auth's client and the Next.js router mocked.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { AuthForm } from "@/components/auth/auth-form";
import { TwoFactorStep } from "@/components/auth/two-factor-step";
import { authClient, authError, resetAuthClient } from "./auth-client-mock.ts";
import { navigation } from "./navigation-mock.ts";

vi.mock("@/lib/auth/client", async () => ({ authClient: (await import("./auth-client-mock.ts")).authClient }));
vi.mock("next/navigation", async () => (await import("./navigation-mock.ts")).navigation.module);

beforeEach(() => {
  resetAuthClient();
});

async function submitCode(code: string, search = "") {
  navigation.reset(search, "/two-factor");
  const user = userEvent.setup();
  render(<TwoFactorStep />);
  await user.type(screen.getByLabelText("Code"), code);
  await user.click(screen.getByRole("button", { name: "Verify" }));
  return user;
}

describe("the sign-in form", () => {
  it("goes to the code step, keeping ?from=, when the password was right and two-factor is on", async () => {
    authClient.signIn.email.mockResolvedValue({ data: { twoFactorRedirect: true, twoFactorMethods: ["totp"] }, error: null });
    navigation.reset("?from=%2Ftasks", "/signin");
    const user = userEvent.setup();
    render(<AuthForm mode="signin" />);
    await user.type(screen.getByLabelText("Email"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), "correct horse");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(navigation.router.push).toHaveBeenCalledWith("/two-factor?from=%2Ftasks"));
    expect(navigation.router.replace).not.toHaveBeenCalled();
  });
});

describe("the code step", () => {
  it.each([
    ["123 456", "123456"],
    ["AbCdE-12345", "AbCdE-12345"],
    ["12345", "12345"],
    ["1234567", "1234567"],
  ])("sends %s to the one code step as %s, spaces dropped, whatever its kind", async (typed, sent) => {
    await submitCode(typed);
    await waitFor(() => expect(authClient.twoFactor.signIn).toHaveBeenCalledWith({ code: sent, trustDevice: false }));
    expect(authClient.twoFactor.verifyTotp).not.toHaveBeenCalled();
    expect(authClient.twoFactor.verifyBackupCode).not.toHaveBeenCalled();
  });

  it("trusts this browser only when asked", async () => {
    navigation.reset("", "/two-factor");
    const user = userEvent.setup();
    render(<TwoFactorStep />);
    await user.click(screen.getByLabelText("Trust this browser for 30 days"));
    await user.type(screen.getByLabelText("Code"), "654321");
    await user.click(screen.getByRole("button", { name: "Verify" }));
    await waitFor(() => expect(authClient.twoFactor.signIn).toHaveBeenCalledWith({ code: "654321", trustDevice: true }));
  });

  it("returns to ?from= (same-site only) once the code is right", async () => {
    await submitCode("123456", "?from=%2Ftasks");
    await waitFor(() => expect(navigation.router.replace).toHaveBeenCalledWith("/tasks"));
  });

  it("words a wrong app code and a wrong recovery code the same way", async () => {
    // The code step answers INVALID_CODE for both; the plugin's INVALID_BACKUP_CODE reads the same too.
    authClient.twoFactor.signIn.mockResolvedValueOnce(authError(401, "INVALID_CODE", "Invalid code"));
    authClient.twoFactor.signIn.mockResolvedValueOnce(authError(401, "INVALID_BACKUP_CODE", "Invalid backup code"));
    await submitCode("123456");
    const app = await screen.findByRole("alert");
    const appText = app.textContent;
    document.body.innerHTML = "";
    await submitCode("AbCdE-12345");
    expect((await screen.findByRole("alert")).textContent).toBe(appText);
    expect(appText).toBe("That code is not right. Check it and try again.");
    expect(navigation.router.replace).not.toHaveBeenCalled();
  });

  it("says an expired pending sign-in must start again", async () => {
    authClient.twoFactor.signIn.mockResolvedValue(authError(401, "INVALID_TWO_FACTOR_COOKIE"));
    await submitCode("123456");
    expect(await screen.findByRole("alert")).toHaveTextContent("This sign-in has expired. Sign in again with your password.");
  });
});
