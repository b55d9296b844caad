// The sign-in form (components/auth-form.tsx, mode "signin") with Better Auth's client and the
// Next.js router mocked.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderToString } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { AuthForm } from "@/components/auth/auth-form";
import { type AuthResult, authClient, authError, deferred, resetAuthClient } from "./auth-client-mock.ts";
import { navigation } from "./navigation-mock.ts";

vi.mock("@/lib/auth/client", async () => ({ authClient: (await import("./auth-client-mock.ts")).authClient }));
vi.mock("next/navigation", async () => (await import("./navigation-mock.ts")).navigation.module);

function renderForm(search = "") {
  navigation.reset(search, "/signin");
  const user = userEvent.setup();
  render(<AuthForm mode="signin" />);
  return {
    user,
    email: screen.getByLabelText("Email"),
    password: screen.getByLabelText("Password"),
    submit: screen.getByRole("button", { name: "Sign in" }),
  };
}

async function fillAndSubmit(user: ReturnType<typeof userEvent.setup>, email = "ada@example.com", password = "correct horse") {
  await user.type(screen.getByLabelText("Email"), email);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

beforeEach(() => {
  resetAuthClient();
});

describe("rendering", () => {
  it("labels every field and offers a link to sign up", () => {
    const { email, password, submit } = renderForm();
    expect(email).toHaveAttribute("type", "email");
    // `webauthn`: the browser may offer passkeys in the field's autofill.
    expect(email).toHaveAttribute("autocomplete", "username webauthn");
    expect(password).toHaveAttribute("type", "password");
    expect(password).toHaveAttribute("autocomplete", "current-password");
    expect(submit).toBeEnabled();
    expect(screen.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/signup");
  });

  it("keeps ?from= on the link to sign up", () => {
    renderForm("from=%2Ftasks%3Fstatus%3Dpending");
    expect(screen.getByRole("link", { name: "Create an account" })).toHaveAttribute(
      "href",
      "/signup?from=%2Ftasks%3Fstatus%3Dpending",
    );
  });
});

describe("before React runs the page", () => {
  it("sends no inputs in the server's HTML, so nothing typed before hydration can be wiped", () => {
    navigation.reset("", "/signin");
    const html = renderToString(<AuthForm mode="signin" />);
    expect(html).not.toContain("<input");
    expect(html).toContain('aria-hidden="true"');
  });
});

describe("after the session ended elsewhere", () => {
  it("says why the user is here, and still returns to ?from= after signing in", async () => {
    const { user } = renderForm("?from=%2Ftasks&reason=session-ended");
    expect(screen.getByRole("status")).toHaveTextContent("Your session has ended. Sign in again to continue.");
    await fillAndSubmit(user);
    await waitFor(() => expect(navigation.router.replace).toHaveBeenCalledWith("/tasks"));
  });

  it("shows no such notice otherwise", () => {
    renderForm("?from=%2Ftasks");
    expect(screen.queryByRole("status")).toBeNull();
  });
});

describe("inline validation", () => {
  it("flags empty fields on submit, links the messages and does not call the server", async () => {
    const { user, email, password, submit } = renderForm();
    await user.click(submit);

    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("Enter your email address.");
    expect(password).toHaveAttribute("aria-invalid", "true");
    expect(password).toHaveAccessibleDescription("Enter your password.");
    expect(email).toHaveFocus();
    expect(authClient.signIn.email).not.toHaveBeenCalled();
  });

  it("checks the email format when the field is left", async () => {
    const { user, email } = renderForm();
    await user.type(email, "ada@");
    await user.tab();
    expect(email).toHaveAccessibleDescription("Enter a valid email address, like name@example.com.");

    await user.type(email, "example.com");
    expect(email).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByText(/valid email address/)).not.toBeInTheDocument();
  });

  it("checks the password length (8 to 128)", async () => {
    const { user, password } = renderForm();
    await user.type(password, "short");
    await user.tab();
    expect(password).toHaveAccessibleDescription("Use at least 8 characters.");

    await user.clear(password);
    await user.click(password);
    await user.paste("x".repeat(129));
    await user.tab();
    expect(password).toHaveAccessibleDescription("Use at most 128 characters.");
  });
});

describe("submission", () => {
  it("signs in with the trimmed email and the password, then goes to ?from=", async () => {
    const { user } = renderForm("from=%2Ftasks%3Fstatus%3Dpending");
    await fillAndSubmit(user, "  ada@example.com ", "correct horse");

    expect(authClient.signIn.email).toHaveBeenCalledWith({ email: "ada@example.com", password: "correct horse" });
    await waitFor(() => expect(navigation.router.replace).toHaveBeenCalledWith("/tasks?status=pending"));
    expect(navigation.router.refresh).toHaveBeenCalled();
  });

  it("goes to the dashboard without ?from=, and never to another site", async () => {
    const { user } = renderForm("from=%2F%2Fevil.example%2Fphish");
    await fillAndSubmit(user);
    await waitFor(() => expect(navigation.router.replace).toHaveBeenCalledWith("/dashboard"));
  });

  it("shows a pending state and blocks a second submit while waiting", async () => {
    const answer = deferred<AuthResult>();
    authClient.signIn.email.mockReturnValueOnce(answer.promise);
    const { user } = renderForm();
    await fillAndSubmit(user);

    const button = screen.getByRole("button", { name: "Signing in…" });
    expect(button).toBeDisabled();
    await user.click(button);
    expect(authClient.signIn.email).toHaveBeenCalledTimes(1);

    answer.resolve({ data: {}, error: null });
    await waitFor(() => expect(navigation.router.replace).toHaveBeenCalledWith("/dashboard"));
    // Still pending while the next page loads, so the form cannot be sent twice.
    expect(screen.getByRole("button", { name: "Signing in…" })).toBeDisabled();
  });
});

describe("with a passkey", () => {
  it("signs in from the button, asking for no address, then goes to ?from=", async () => {
    const { user } = renderForm("from=%2Ftasks");
    await user.click(screen.getByRole("button", { name: "Sign in with a passkey" }));
    expect(authClient.signIn.passkey).toHaveBeenCalledWith();
    await waitFor(() => expect(navigation.router.replace).toHaveBeenCalledWith("/tasks"));
  });

  it("says nothing when the person closes the browser's prompt, and explains a passkey that did not sign in", async () => {
    authClient.signIn.passkey.mockResolvedValueOnce(authError(400, "AUTH_CANCELLED"));
    const { user } = renderForm();
    await user.click(screen.getByRole("button", { name: "Sign in with a passkey" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Sign in with a passkey" })).toBeEnabled());
    expect(screen.queryByRole("alert")).toBeNull();
    authClient.signIn.passkey.mockResolvedValueOnce(authError(401, "PASSKEY_NOT_FOUND"));
    await user.click(screen.getByRole("button", { name: "Sign in with a passkey" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("That passkey did not sign you in.");
    expect(navigation.router.replace).not.toHaveBeenCalled();
  });
});

describe("an unverified address", () => {
  it("says to open the link (403 EMAIL_NOT_VERIFIED) and offers to send it again to that address", async () => {
    authClient.signIn.email.mockResolvedValueOnce(authError(403, "EMAIL_NOT_VERIFIED", "Email not verified"));
    const { user } = renderForm();
    await fillAndSubmit(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("Verify your email address before signing in");
    await user.click(screen.getByRole("button", { name: "Send me the link again" }));
    expect(authClient.sendVerificationEmail).toHaveBeenCalledWith({ email: "ada@example.com", callbackURL: "/verify-email" });
    expect(navigation.router.replace).not.toHaveBeenCalled();
  });
});

describe("reasons for being here", () => {
  it.each([
    ["account-deleted", "Your account and all of its tasks were deleted"],
    ["password-reset", "Your password was changed and every device was signed out"],
  ])("says why for ?reason=%s", (reason, text) => {
    renderForm(`reason=${reason}`);
    expect(screen.getByRole("status")).toHaveTextContent(text);
  });

  it("ignores a reason it does not know, even one named like an object property", () => {
    for (const reason of ["toString", "__proto__", "<b>x</b>"]) {
      renderForm(`reason=${encodeURIComponent(reason)}`);
      expect(screen.queryByRole("status")).toBeNull();
      document.body.innerHTML = "";
    }
  });

  it("links to the forgotten-password page", () => {
    renderForm();
    expect(screen.getByRole("link", { name: "Forgot your password?" })).toHaveAttribute("href", "/forgot-password");
  });
});

describe("server errors", () => {
  it("explains a wrong email or password (401) in an alert and keeps the user on the page", async () => {
    authClient.signIn.email.mockResolvedValueOnce(authError(401, "INVALID_EMAIL_OR_PASSWORD", "Invalid email or password"));
    const { user, password } = renderForm();
    await fillAndSubmit(user);

    expect(await screen.findByRole("alert")).toHaveTextContent("That email and password do not match. Check them and try again.");
    expect(screen.getByRole("button", { name: "Sign in" })).toBeEnabled();
    expect(password).toHaveFocus();
    expect(navigation.router.replace).not.toHaveBeenCalled();
  });

  it("asks the user to wait after too many attempts (429)", async () => {
    authClient.signIn.email.mockResolvedValueOnce(authError(429, undefined, "Too many requests. Please try again later."));
    const { user } = renderForm();
    await fillAndSubmit(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts. Wait a minute, then try again.");
  });

  it("shows the server's own message for an error it does not know", async () => {
    authClient.signIn.email.mockResolvedValueOnce(authError(403, "SOMETHING_NEW", "Account locked by an administrator."));
    const { user } = renderForm();
    await fillAndSubmit(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("Account locked by an administrator.");
  });

  it("reports a network failure", async () => {
    authClient.signIn.email.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    const { user } = renderForm();
    await fillAndSubmit(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("Cannot reach the server. Check your connection and try again.");
  });

  it("puts the cursor back in the password after a network failure", async () => {
    authClient.signIn.email.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    const { user, password } = renderForm();
    await fillAndSubmit(user);
    await screen.findByRole("alert");
    expect(password).toHaveFocus();
    expect(password).toHaveValue("correct horse");
  });

  it("clears the previous error when the user submits again", async () => {
    authClient.signIn.email.mockResolvedValueOnce(authError(401, "INVALID_EMAIL_OR_PASSWORD"));
    const { user } = renderForm();
    await fillAndSubmit(user);
    await screen.findByRole("alert");

    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(navigation.router.replace).toHaveBeenCalledWith("/dashboard"));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
