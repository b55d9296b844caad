// "Confirm it's you" in the settings forms, with Better Auth's client mocked: a sensitive action
// refused with FRESH_SIGN_IN_REQUIRED asks for the password in place, then runs again.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { DevicesList } from "@/components/settings/devices-list";
import { FreshSignInProvider, type SignInMethods } from "@/components/settings/fresh-sign-in";
import { PasswordForm } from "@/components/settings/password-form";
import { authClient, authError, resetAuthClient } from "./auth-client-mock.ts";
import { navigation } from "./navigation-mock.ts";

vi.mock("@/lib/auth/client", async () => ({ authClient: (await import("./auth-client-mock.ts")).authClient }));
vi.mock("next/navigation", async () => (await import("./navigation-mock.ts")).navigation.module);

const WITH_PASSWORD: SignInMethods = { password: true, providers: [] };
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

  // Last: its action stays pending (the browser is leaving), and React holds every later transition behind it.
  it("offers the person's provider when they have no password", async () => {
    const user = userEvent.setup();
    authClient.devices.revoke.mockImplementationOnce(notFresh);
    render(
      <FreshSignInProvider methods={{ password: false, providers: [{ id: "github", name: "GitHub" }] }}>
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
