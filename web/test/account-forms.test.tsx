// The account lifecycle's forms (forgot, reset, change e-mail, devices, delete) with Better Auth's
// client and Next's router mocked: what each sends, and what the person sees for each answer.
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderToString } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { EmailLinkForm } from "@/components/auth/email-link-form";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { ChangeEmailForm } from "@/components/settings/change-email-form";
import { DeleteAccountForm } from "@/components/settings/delete-account-form";
import { type DeviceRow, DevicesList } from "@/components/settings/devices-list";
import { authClient, authError, resetAuthClient } from "./auth-client-mock.ts";
import { navigation } from "./navigation-mock.ts";

vi.mock("@/lib/auth/client", async () => ({ authClient: (await import("./auth-client-mock.ts")).authClient }));
vi.mock("next/navigation", async () => (await import("./navigation-mock.ts")).navigation.module);

beforeEach(() => {
  resetAuthClient();
  navigation.reset("", "/");
});

describe("before React runs the page", () => {
  it("sends no inputs in the server's HTML, so nothing typed before hydration can be wiped", () => {
    for (const form of [<EmailLinkForm key="forgot" kind="reset-password" />, <ResetPasswordForm key="reset" token="t0k3n" />]) {
      const html = renderToString(form);
      expect(html).not.toContain("<input");
      expect(html).toContain('aria-hidden="true"');
    }
  });
});

describe("forgot password", () => {
  it("asks for a reset link to /reset-password and answers the same whoever the address belongs to", async () => {
    const user = userEvent.setup();
    render(<EmailLinkForm kind="reset-password" />);
    await user.type(screen.getByLabelText("Email"), "ada@example.com");
    await user.click(screen.getByRole("button", { name: "Send me a reset link" }));
    expect(authClient.requestPasswordReset).toHaveBeenCalledWith({ email: "ada@example.com", redirectTo: "/reset-password" });
    expect(await screen.findByRole("status")).toHaveTextContent("If an account exists for ada@example.com");
  });

  it("checks the address before asking", async () => {
    const user = userEvent.setup();
    render(<EmailLinkForm kind="reset-password" />);
    await user.type(screen.getByLabelText("Email"), "not an address");
    await user.click(screen.getByRole("button", { name: "Send me a reset link" }));
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription(/valid email/);
    expect(authClient.requestPasswordReset).not.toHaveBeenCalled();
  });

  it("says to wait when rate-limited", async () => {
    authClient.requestPasswordReset.mockResolvedValueOnce(authError(429));
    const user = userEvent.setup();
    render(<EmailLinkForm kind="reset-password" />);
    await user.type(screen.getByLabelText("Email"), "ada@example.com");
    await user.click(screen.getByRole("button", { name: "Send me a reset link" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts");
  });
});

describe("reset password", () => {
  const fillAndSend = async (user: ReturnType<typeof userEvent.setup>, password: string, confirm = password) => {
    await user.type(screen.getByLabelText("New password"), password);
    await user.type(screen.getByLabelText("Confirm new password"), confirm);
    await user.click(screen.getByRole("button", { name: "Set new password" }));
  };

  it("sends the token with the new password, then goes to sign-in with the reason", async () => {
    const user = userEvent.setup();
    render(<ResetPasswordForm token="abcdefghijklmnopqrstuvwx" />);
    await fillAndSend(user, "a brand new passphrase");
    expect(authClient.resetPassword).toHaveBeenCalledWith({
      newPassword: "a brand new passphrase",
      token: "abcdefghijklmnopqrstuvwx",
    });
    expect(navigation.router.replace).toHaveBeenCalledWith("/signin?reason=password-reset");
  });

  it("holds the password to sign-up's policy, twice", async () => {
    const user = userEvent.setup();
    render(<ResetPasswordForm token="abcdefghijklmnopqrstuvwx" />);
    await fillAndSend(user, "short");
    expect(screen.getByLabelText("New password")).toHaveAccessibleDescription(/at least 8 characters/);
    await user.clear(screen.getByLabelText("New password"));
    await user.clear(screen.getByLabelText("Confirm new password"));
    await fillAndSend(user, "a brand new passphrase", "a different passphrase");
    expect(screen.getByLabelText("Confirm new password")).toHaveAccessibleDescription("The passwords do not match.");
    expect(authClient.resetPassword).not.toHaveBeenCalled();
  });

  it("explains a used or expired link and offers a new one", async () => {
    authClient.resetPassword.mockResolvedValueOnce(authError(400, "INVALID_TOKEN", "Invalid token"));
    const user = userEvent.setup();
    render(<ResetPasswordForm token="abcdefghijklmnopqrstuvwx" />);
    await fillAndSend(user, "a brand new passphrase");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("This link is not valid any more");
    expect(within(alert).getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
    expect(navigation.router.replace).not.toHaveBeenCalled();
  });
});

describe("change e-mail", () => {
  it("sends the new address and the current password, and says which inbox confirms first", async () => {
    const user = userEvent.setup();
    render(<ChangeEmailForm currentEmail="ada@example.com" />);
    await user.type(screen.getByLabelText("New email address"), "ada@new.example");
    await user.type(screen.getByLabelText("Your current password"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Change email" }));
    expect(authClient.changeEmail).toHaveBeenCalledWith({
      newEmail: "ada@new.example",
      callbackURL: "/verify-email?flow=change-email",
      fetchOptions: { body: { password: "correct horse battery" } },
    });
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Open the link we sent to ada@example.com to confirm the change, then the one we send to ada@new.example.",
    );
  });

  it("asks for the current password before sending anything", async () => {
    const user = userEvent.setup();
    render(<ChangeEmailForm currentEmail="ada@example.com" />);
    await user.type(screen.getByLabelText("New email address"), "ada@new.example");
    await user.click(screen.getByRole("button", { name: "Change email" }));
    expect(screen.getByLabelText("Your current password")).toHaveAccessibleDescription("Enter your current password.");
    expect(screen.getByLabelText("Your current password")).toHaveFocus();
    expect(authClient.changeEmail).not.toHaveBeenCalled();
  });

  it("says so when the password is wrong", async () => {
    authClient.changeEmail.mockResolvedValueOnce(authError(400, "INVALID_PASSWORD", "Invalid password"));
    const user = userEvent.setup();
    render(<ChangeEmailForm currentEmail="ada@example.com" />);
    await user.type(screen.getByLabelText("New email address"), "ada@new.example");
    await user.type(screen.getByLabelText("Your current password"), "not my password");
    await user.click(screen.getByRole("button", { name: "Change email" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("That password is incorrect.");
  });

  it("does not ask to change to the same address", async () => {
    const user = userEvent.setup();
    render(<ChangeEmailForm currentEmail="ada@example.com" />);
    await user.type(screen.getByLabelText("New email address"), "ADA@example.com");
    await user.type(screen.getByLabelText("Your current password"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Change email" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("already your email address");
    expect(authClient.changeEmail).not.toHaveBeenCalled();
  });
});

describe("devices", () => {
  const when = { iso: "2026-11-27T10:00:00.000Z", text: "27 Nov 2026, 10:00 UTC" };
  const devices: DeviceRow[] = [
    { id: "s1", browser: "Chrome 131", os: "Linux", ipAddress: "198.51.100.1", created: when, lastActive: when, current: true },
    { id: "s2", browser: "Safari 17", os: "iOS 17.5", ipAddress: null, created: when, lastActive: when, current: false },
  ];

  it("lists each device, marks this one, and signs another out by its id", async () => {
    const user = userEvent.setup();
    render(<DevicesList initialDevices={devices} />);
    expect(screen.getAllByRole("listitem")).toHaveLength(2);
    expect(screen.getByText("This device").closest("li")).toHaveTextContent("Chrome 131 on Linux");
    expect(screen.getByText("Address unknown")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Sign out Chrome 131 on Linux" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Sign out Safari 17 on iOS 17.5" }));
    // devices.revoke is POST /api/auth/devices/revoke {id} (auth-client.test.tsx).
    expect(authClient.devices.revoke).toHaveBeenCalledWith({ id: "s2" });
    expect(await screen.findByRole("status")).toHaveTextContent("Safari 17 on iOS 17.5 is signed out.");
    expect(screen.getAllByRole("listitem")).toHaveLength(1);
  });

  it("keeps the device listed when signing it out fails", async () => {
    authClient.devices.revoke.mockResolvedValueOnce(authError(404, "DEVICE_NOT_FOUND"));
    const user = userEvent.setup();
    render(<DevicesList initialDevices={devices} />);
    await user.click(screen.getByRole("button", { name: "Sign out Safari 17 on iOS 17.5" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("That device is already signed out.");
    expect(screen.getAllByRole("listitem")).toHaveLength(2);
  });

  it("signs out all the others and keeps only this device", async () => {
    const user = userEvent.setup();
    render(<DevicesList initialDevices={devices} />);
    await user.click(screen.getByRole("button", { name: "Sign out of other sessions" }));
    expect(authClient.revokeOtherSessions).toHaveBeenCalled();
    expect(await screen.findByRole("status")).toHaveTextContent("You are now signed out everywhere else.");
    expect(screen.getAllByRole("listitem")).toHaveLength(1);
  });
});

describe("delete account", () => {
  it("needs the password before asking", async () => {
    const user = userEvent.setup();
    render(<DeleteAccountForm />);
    await user.click(screen.getByRole("button", { name: "Delete my account" }));
    expect(screen.getByLabelText("Your password, to confirm")).toHaveAccessibleDescription("Enter your password.");
    expect(authClient.deleteUser).not.toHaveBeenCalled();
  });

  it("deletes with the password and goes to sign-in, told why", async () => {
    const user = userEvent.setup();
    render(<DeleteAccountForm />);
    await user.type(screen.getByLabelText("Your password, to confirm"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Delete my account" }));
    expect(authClient.deleteUser).toHaveBeenCalledWith({ password: "correct horse battery" });
    expect(navigation.router.replace).toHaveBeenCalledWith("/signin?reason=account-deleted");
  });

  it("says when the password is wrong, and stays", async () => {
    authClient.deleteUser.mockResolvedValueOnce(authError(400, "INVALID_PASSWORD", "Invalid password"));
    const user = userEvent.setup();
    render(<DeleteAccountForm />);
    await user.type(screen.getByLabelText("Your password, to confirm"), "wrong");
    await user.click(screen.getByRole("button", { name: "Delete my account" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("That password is incorrect.");
    expect(navigation.router.replace).not.toHaveBeenCalled();
  });
});
