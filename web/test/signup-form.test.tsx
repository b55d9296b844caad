// The sign-up form (components/auth-form.tsx, mode "signup") with Better Auth's client and the
// Next.js router mocked.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { AuthForm } from "@/components/auth/auth-form";
import { type AuthResult, authClient, authError, deferred, resetAuthClient } from "./auth-client-mock.ts";
import { navigation } from "./navigation-mock.ts";

vi.mock("@/lib/auth/client", async () => ({ authClient: (await import("./auth-client-mock.ts")).authClient }));
vi.mock("next/navigation", async () => (await import("./navigation-mock.ts")).navigation.module);

type User = ReturnType<typeof userEvent.setup>;

function renderForm(search = "") {
  navigation.reset(search, "/signup");
  const user = userEvent.setup();
  render(<AuthForm mode="signup" />);
  return { user };
}

const field = (label: string) => screen.getByLabelText(label);

async function fill(user: User, values: { name?: string; email?: string; password?: string; confirm?: string } = {}) {
  const { name = "Ada Lovelace", email = "ada@example.com", password = "analytical engine", confirm = password } = values;
  if (name) await user.type(field("Name"), name);
  if (email) await user.type(field("Email"), email);
  if (password) await user.type(field("Password"), password);
  if (confirm) await user.type(field("Confirm password"), confirm);
}

const submit = (user: User) => user.click(screen.getByRole("button", { name: "Create account" }));

beforeEach(() => {
  resetAuthClient();
});

describe("rendering", () => {
  it("labels the name, email, password and confirmation fields", () => {
    renderForm();
    expect(field("Name")).toHaveAttribute("autocomplete", "name");
    expect(field("Email")).toHaveAttribute("type", "email");
    expect(field("Password")).toHaveAttribute("autocomplete", "new-password");
    expect(field("Password")).toHaveAccessibleDescription("8 to 128 characters.");
    expect(field("Confirm password")).toHaveAttribute("type", "password");
    expect(screen.getByRole("button", { name: "Create account" })).toBeEnabled();
  });

  it("links to sign in, keeping ?from=", () => {
    renderForm("from=%2Fsettings");
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/signin?from=%2Fsettings");
  });
});

describe("inline validation", () => {
  it("requires a name and shows every problem on submit", async () => {
    const { user } = renderForm();
    await submit(user);

    expect(field("Name")).toHaveAccessibleDescription("Enter your name.");
    expect(field("Email")).toHaveAccessibleDescription("Enter your email address.");
    expect(field("Password")).toHaveAccessibleDescription("8 to 128 characters. Enter a password.");
    expect(field("Confirm password")).toHaveAccessibleDescription("Confirm your password.");
    expect(field("Name")).toHaveFocus();
    expect(authClient.signUp.email).not.toHaveBeenCalled();
  });

  it("rejects a name of spaces only", async () => {
    const { user } = renderForm();
    await fill(user, { name: "   " });
    await submit(user);
    expect(field("Name")).toHaveAccessibleDescription("Enter your name.");
    expect(authClient.signUp.email).not.toHaveBeenCalled();
  });

  it("flags a short password and a mismatched confirmation", async () => {
    const { user } = renderForm();
    await fill(user, { password: "short", confirm: "shorter" });
    await submit(user);

    expect(field("Password")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("Use at least 8 characters.")).toBeInTheDocument();
    expect(field("Confirm password")).toHaveAccessibleDescription("The passwords do not match.");
    expect(field("Password")).toHaveFocus();
  });

  it("clears the mismatch message as soon as the confirmation matches", async () => {
    const { user } = renderForm();
    await fill(user, { password: "analytical engine", confirm: "analytical" });
    await user.tab();
    expect(screen.getByText("The passwords do not match.")).toBeInTheDocument();

    await user.type(field("Confirm password"), " engine");
    expect(screen.queryByText("The passwords do not match.")).not.toBeInTheDocument();
    expect(field("Confirm password")).not.toHaveAttribute("aria-invalid");
  });
});

describe("submission", () => {
  it("creates the account with name, email and password (not the confirmation), then goes to ?from=", async () => {
    const { user } = renderForm("from=%2Ftasks");
    await fill(user);
    await submit(user);

    expect(authClient.signUp.email).toHaveBeenCalledWith({
      name: "Ada Lovelace",
      email: "ada@example.com",
      password: "analytical engine",
      callbackURL: "/verify-email",
    });
    await waitFor(() => expect(navigation.router.replace).toHaveBeenCalledWith("/tasks"));
    expect(navigation.router.refresh).toHaveBeenCalled();
  });

  it("shows a pending state", async () => {
    const answer = deferred<AuthResult>();
    authClient.signUp.email.mockReturnValueOnce(answer.promise);
    const { user } = renderForm();
    await fill(user);
    await submit(user);

    expect(screen.getByRole("button", { name: "Creating account…" })).toBeDisabled();
    answer.resolve({ data: { token: "session-token" }, error: null });
    await waitFor(() => expect(navigation.router.replace).toHaveBeenCalledWith("/dashboard"));
  });

  it("shows 'check your inbox' with a resend button when the address must be verified first (no session)", async () => {
    authClient.signUp.email.mockResolvedValueOnce({ data: { token: null, user: {} }, error: null });
    const { user } = renderForm();
    await fill(user);
    await submit(user);

    expect(await screen.findByRole("heading", { name: "Check your inbox" })).toBeInTheDocument();
    expect(screen.getByText("ada@example.com")).toBeInTheDocument();
    expect(navigation.router.replace).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Send the link again" }));
    expect(authClient.sendVerificationEmail).toHaveBeenCalledWith({ email: "ada@example.com", callbackURL: "/verify-email" });
    expect(await screen.findByRole("status")).toHaveTextContent("We sent a new link to ada@example.com");
    expect(screen.getByRole("button", { name: "Link sent" })).toBeDisabled();
  });
});

describe("server errors", () => {
  it("says when the email is taken (422 USER_ALREADY_EXISTS…) and puts the cursor in the email field", async () => {
    authClient.signUp.email.mockResolvedValueOnce(
      authError(422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", "User already exists. Use another email."),
    );
    const { user } = renderForm();
    await fill(user);
    await submit(user);

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "An account with this email already exists. Sign in instead, or use another email.",
    );
    expect(field("Email")).toHaveFocus();
    expect(field("Name")).toHaveValue("Ada Lovelace");
    expect(navigation.router.replace).not.toHaveBeenCalled();
  });

  it("asks the user to wait after too many attempts (429)", async () => {
    authClient.signUp.email.mockResolvedValueOnce(authError(429));
    const { user } = renderForm();
    await fill(user);
    await submit(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts. Wait a minute, then try again.");
    expect(screen.getByRole("button", { name: "Create account" })).toBeEnabled();
  });

  it("shows the server's message for a password the server refuses", async () => {
    authClient.signUp.email.mockResolvedValueOnce(authError(400, "PASSWORD_TOO_SHORT", "Password too short"));
    const { user } = renderForm();
    await fill(user);
    await submit(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("That password is too short.");
  });
});
