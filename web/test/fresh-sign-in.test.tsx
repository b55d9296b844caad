// "Confirm it's you" in the settings forms, with Better Auth's client mocked: a sensitive action
// refused with FRESH_SIGN_IN_REQUIRED asks in place for the password, a passkey or a code from
// the authenticator app (whichever the person has), then runs again.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { DevicesList } from "@/components/settings/devices-list";
import { FreshSignInProvider, type SignInMethods } from "@/components/settings/fresh-sign-in";
import { PasswordForm } from "@/components/settings/password-form";
import { authClient, authError, resetAuthClient } from "./auth-client-mock.ts";
import { navigation } from "./navigation-mock.ts";

vi.mock("@/lib/auth/client", async () => ({ authClient: (await import("./auth-client-mock.ts")).authClient }));
vi.mock("next/navigation", async () => (await import("./navigation-mock.ts")).navigation.module);

const NONE: SignInMethods = { password: false, passkey: false, code: false, providers: [] };
const WITH_PASSWORD: SignInMethods = { ...NONE, password: true };
const AT = { iso: "2026-12-01T10:00:00.000Z", text: "1 Dec 2026, 10:00 UTC" };
const DEVICES = [
  { id: "here", browser: "Firefox", os: "Linux", ipAddress: null, created: AT, lastActive: AT, current: true },
  { id: "phone", browser: "Safari", os: "iOS", ipAddress: "10.0.0.2", created: AT, lastActive: AT, current: false },
];
const notFresh = () => Promise.resolve(authError(403, "FRESH_SIGN_IN_REQUIRED", "confirm it's you"));

beforeEach(() => {
  resetAuthClient();
  navigation.reset("", "/settings");
  // happy-dom's <dialog> has no modal mode of its own.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
});

describe("a sensitive action with an old sign-in", () => {
  it("asks for the password in place, then signs the device out", async () => {
    const user = userEvent.setup();
    authClient.devices.revoke.mockImplementationOnce(notFresh);
    render(
      <FreshSignInProvider methods={WITH_PASSWORD}>
        <DevicesList initialDevices={DEVICES} />
      </FreshSignInProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Sign out Safari on iOS" }));
    const dialog = await screen.findByRole("dialog", { name: "Confirm it's you" });
    expect(dialog).toHaveAccessibleDescription(/more than 10 minutes ago/);
    await user.type(screen.getByLabelText("Your password"), "my password");
    await user.click(screen.getByRole("button", { name: "Confirm and continue" }));
    expect(authClient.freshSignIn).toHaveBeenCalledWith({ password: "my password" });
    expect(await screen.findByRole("status")).toHaveTextContent("Safari on iOS is signed out.");
    expect(authClient.devices.revoke).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("keeps the dialog open on a wrong password, and says the action was not done when cancelled", async () => {
    const user = userEvent.setup();
    authClient.devices.revoke.mockImplementation(notFresh);
    authClient.freshSignIn.mockImplementation(() => Promise.resolve(authError(400, "INVALID_PASSWORD", "Invalid password")));
    render(
      <FreshSignInProvider methods={WITH_PASSWORD}>
        <DevicesList initialDevices={DEVICES} />
      </FreshSignInProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Sign out Safari on iOS" }));
    await user.type(await screen.findByLabelText("Your password"), "wrong");
    await user.click(screen.getByRole("button", { name: "Confirm and continue" }));
    expect(await screen.findByText("That password is incorrect.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Confirm it's you to continue");
    expect(authClient.devices.revoke).toHaveBeenCalledTimes(1);
  });

  it("confirms with the password a form already holds, with no dialog", async () => {
    const user = userEvent.setup();
    authClient.changePassword.mockImplementationOnce(notFresh);
    render(
      <FreshSignInProvider methods={WITH_PASSWORD}>
        <PasswordForm />
      </FreshSignInProvider>,
    );
    await user.type(screen.getByLabelText("Current password"), "old password here");
    await user.type(screen.getByLabelText("New password"), "new password here!");
    await user.type(screen.getByLabelText("Confirm new password"), "new password here!");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    await waitFor(() => expect(authClient.changePassword).toHaveBeenCalledTimes(2));
    expect(authClient.freshSignIn).toHaveBeenCalledWith({ password: "old password here" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(await screen.findByRole("status")).toHaveTextContent("Your password has been changed");
  });

  it("offers only the ways this person has: a passkey, then signs the device out", async () => {
    const user = userEvent.setup();
    authClient.devices.revoke.mockImplementationOnce(notFresh);
    render(
      <FreshSignInProvider methods={{ ...NONE, passkey: true, providers: [{ id: "github", name: "GitHub" }] }}>
        <DevicesList initialDevices={DEVICES} />
      </FreshSignInProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Sign out Safari on iOS" }));
    const dialog = await screen.findByRole("dialog", { name: "Confirm it's you" });
    expect(within(dialog).queryByLabelText("Your password")).toBeNull();
    expect(within(dialog).queryByLabelText("Code from your authenticator app")).toBeNull();
    // A provider would take the browser away: not offered while a way in place exists.
    expect(within(dialog).queryByRole("button", { name: "Continue with GitHub" })).toBeNull();
    await user.click(within(dialog).getByRole("button", { name: "Use a passkey" }));
    expect(authClient.confirmWithPasskey).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole("status")).toHaveTextContent("Safari on iOS is signed out.");
    expect(authClient.devices.revoke).toHaveBeenCalledTimes(2);
  });

  it("says a closed passkey prompt or another account's passkey, and keeps the dialog open", async () => {
    const user = userEvent.setup();
    authClient.devices.revoke.mockImplementation(notFresh);
    authClient.confirmWithPasskey
      .mockImplementationOnce(() => Promise.resolve(authError(400, "ERROR_CEREMONY_ABORTED")))
      .mockImplementationOnce(() => Promise.resolve(authError(400, "NOT_YOUR_PASSKEY")));
    render(
      <FreshSignInProvider methods={{ ...NONE, passkey: true }}>
        <DevicesList initialDevices={DEVICES} />
      </FreshSignInProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Sign out Safari on iOS" }));
    await user.click(await screen.findByRole("button", { name: "Use a passkey" }));
    expect(await screen.findByText(/passkey request was cancelled/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Use a passkey" }));
    expect(await screen.findByText("That passkey belongs to another account. Use one of yours.")).toBeInTheDocument();
    expect(screen.getByRole("dialog", { name: "Confirm it's you" })).toBeInTheDocument();
    // Cancelled: the action ends (a pending one would hold the next tests' transitions).
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Confirm it's you to continue");
    expect(authClient.devices.revoke).toHaveBeenCalledTimes(1);
  });

  it("takes a code from the authenticator app (digits only, six of them), and says a wrong one", async () => {
    const user = userEvent.setup();
    authClient.devices.revoke.mockImplementationOnce(notFresh);
    authClient.freshSignIn.code.mockImplementationOnce(() => Promise.resolve(authError(400, "INVALID_CODE")));
    render(
      <FreshSignInProvider methods={{ ...WITH_PASSWORD, code: true }}>
        <DevicesList initialDevices={DEVICES} />
      </FreshSignInProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Sign out Safari on iOS" }));
    const dialog = await screen.findByRole("dialog", { name: "Confirm it's you" });
    expect(within(dialog).getByLabelText("Your password")).toBeInTheDocument();
    const field = within(dialog).getByLabelText("Code from your authenticator app");
    const confirmWithCode = within(dialog).getByRole("button", { name: "Confirm with the code" });
    await user.type(field, "12 34-5");
    expect(field).toHaveValue("12345");
    expect(confirmWithCode).toBeDisabled();
    await user.type(field, "6");
    await user.click(confirmWithCode);
    expect(await screen.findByText("That code is not right. Check it and try again.")).toBeInTheDocument();
    expect(authClient.freshSignIn.code).toHaveBeenLastCalledWith({ code: "123456" });
    await user.click(confirmWithCode);
    expect(await screen.findByRole("status")).toHaveTextContent("Safari on iOS is signed out.");
    expect(authClient.freshSignIn).not.toHaveBeenCalled();
  });

  // Last: its action stays pending (the browser is leaving), and React holds every later transition behind it.
  it("offers the person's provider when they have no password", async () => {
    const user = userEvent.setup();
    authClient.devices.revoke.mockImplementationOnce(notFresh);
    render(
      <FreshSignInProvider methods={{ ...NONE, providers: [{ id: "github", name: "GitHub" }] }}>
        <DevicesList initialDevices={DEVICES} />
      </FreshSignInProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Sign out Safari on iOS" }));
    await user.click(await screen.findByRole("button", { name: "Continue with GitHub" }));
    expect(authClient.signIn.social).toHaveBeenCalledWith(
      expect.objectContaining({ provider: "github", callbackURL: "/settings" }),
    );
  });
});
