// Settings forms (profile, password, other sessions) with Better Auth's client mocked.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { OtherSessionsForm } from "@/components/settings/other-sessions-form";
import { PasswordForm } from "@/components/settings/password-form";
import { ProfileForm } from "@/components/settings/profile-form";
import { authClient, authError, resetAuthClient } from "./auth-client-mock.ts";
import { navigation } from "./navigation-mock.ts";

vi.mock("@/lib/auth/client", async () => ({ authClient: (await import("./auth-client-mock.ts")).authClient }));
vi.mock("next/navigation", async () => (await import("./navigation-mock.ts")).navigation.module);

beforeEach(() => {
  resetAuthClient();
  navigation.reset("", "/settings");
});

describe("profile", () => {
  it("updates the name and refreshes the server-rendered parts", async () => {
    const user = userEvent.setup();
    render(<ProfileForm initialName="Ada" email="ada@example.com" />);
    const name = screen.getByLabelText("Name");
    await user.clear(name);
    await user.type(name, "Ada Lovelace");
    await user.click(screen.getByRole("button", { name: "Save name" }));

    expect(authClient.updateUser).toHaveBeenCalledWith({ name: "Ada Lovelace" });
    expect(await screen.findByRole("status")).toHaveTextContent("Your name has been updated.");
    expect(navigation.router.refresh).toHaveBeenCalled();
  });

  it("requires a name", async () => {
    const user = userEvent.setup();
    render(<ProfileForm initialName="Ada" email="ada@example.com" />);
    await user.clear(screen.getByLabelText("Name"));
    await user.click(screen.getByRole("button", { name: "Save name" }));
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Enter your name.");
    expect(authClient.updateUser).not.toHaveBeenCalled();
  });
});

describe("password", () => {
  async function fill(user: ReturnType<typeof userEvent.setup>, current: string, next: string, confirm = next) {
    await user.type(screen.getByLabelText("Current password"), current);
    await user.type(screen.getByLabelText("New password"), next);
    await user.type(screen.getByLabelText("Confirm new password"), confirm);
  }

  it("changes the password, signing out other sessions by default", async () => {
    const user = userEvent.setup();
    render(<PasswordForm />);
    expect(screen.getByLabelText("Sign out of all other sessions")).toBeChecked();
    await fill(user, "old password", "new password!");
    await user.click(screen.getByRole("button", { name: "Change password" }));

    expect(authClient.changePassword).toHaveBeenCalledWith({
      currentPassword: "old password",
      newPassword: "new password!",
      revokeOtherSessions: true,
    });
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Your password has been changed, and your other sessions were signed out.",
    );
    expect(screen.getByLabelText("Current password")).toHaveValue("");
  });

  it("can keep other sessions", async () => {
    const user = userEvent.setup();
    render(<PasswordForm />);
    await fill(user, "old password", "new password!");
    await user.click(screen.getByLabelText("Sign out of all other sessions"));
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(authClient.changePassword).toHaveBeenCalledWith(expect.objectContaining({ revokeOtherSessions: false }));
  });

  it("validates the new password and its confirmation", async () => {
    const user = userEvent.setup();
    render(<PasswordForm />);
    await fill(user, "old password", "short", "shorter");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(screen.getByLabelText("New password")).toHaveAccessibleDescription("8 to 128 characters. Use at least 8 characters.");
    expect(screen.getByLabelText("Confirm new password")).toHaveAccessibleDescription("The new passwords do not match.");
    expect(authClient.changePassword).not.toHaveBeenCalled();
  });

  it("says when the current password is wrong", async () => {
    authClient.changePassword.mockResolvedValueOnce(authError(400, "INVALID_PASSWORD", "Invalid password"));
    const user = userEvent.setup();
    render(<PasswordForm />);
    await fill(user, "wrong password", "new password!");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Your current password is incorrect.");
    expect(screen.getByLabelText("Current password")).toHaveFocus();

    // Once a field is edited, the message no longer describes what is typed: it goes.
    await user.type(screen.getByLabelText("Current password"), "!");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByLabelText("New password")).toHaveValue("new password!");
  });
});

describe("other sessions", () => {
  it("signs out other sessions with pending and success feedback", async () => {
    const user = userEvent.setup();
    render(<OtherSessionsForm />);
    await user.click(screen.getByRole("button", { name: "Sign out of other sessions" }));
    expect(authClient.revokeOtherSessions).toHaveBeenCalled();
    expect(await screen.findByRole("status")).toHaveTextContent("You are now signed out everywhere else.");
  });

  it("shows an error", async () => {
    authClient.revokeOtherSessions.mockResolvedValueOnce(authError(429));
    const user = userEvent.setup();
    render(<OtherSessionsForm />);
    await user.click(screen.getByRole("button", { name: "Sign out of other sessions" }));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Too many attempts."));
  });
});
