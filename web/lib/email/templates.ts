/**
 * The account e-mails, one function each. Each takes the app's context and the values Better Auth
 * hands to its callbacks, and returns a message for `sendEmail`. Values are plain text: the layout
 * escapes them (email-layout.ts). Links from Better Auth are absolute already; the others are paths.
 *
 * A mail to an address nobody has proved yet carries no text its requester chose: whoever signs up
 * picks the name, and could make it "Your account is locked, call …" in a mail sent in the app's
 * name to anyone. So the mails that only ever go to such an address (verification, a new address,
 * a sign-up notice) take no name, and the others greet by name only when the caller passes one
 * (web/lib/auth/account-mail.ts does so for verified addresses only).
 */
import "server-only";
import { type EmailContext, renderEmail } from "./email-layout.ts";
import type { EmailMessage } from "./email-message.ts";

/** The recipient's address, and their name when the address is verified. */
export type Recipient = { to: string; name?: string };

const ONE_HOUR = "The link works once, for one hour.";
const greeting = (name?: string) => (name === undefined ? "Hello," : `Hi ${name},`);

export function verifyEmail(context: EmailContext, { to, url }: { to: string; url: string }): EmailMessage {
  return renderEmail(context, to, {
    subject: `Verify your e-mail for ${context.appName}`,
    paragraphs: ["Hello,", `Confirm that ${to} is your address to finish signing up for ${context.appName}.`],
    action: { label: "Verify my e-mail", href: url },
    after: [ONE_HOUR, "If you did not sign up, ignore this e-mail: no account is activated without it."],
  });
}

export function resetPassword(context: EmailContext, { to, name, url }: Recipient & { url: string }): EmailMessage {
  return renderEmail(context, to, {
    subject: `Reset your ${context.appName} password`,
    paragraphs: [greeting(name), `Someone asked to reset the password of the ${context.appName} account for ${to}.`],
    action: { label: "Choose a new password", href: url },
    after: [ONE_HOUR, "If it was not you, ignore this e-mail: your password stays as it is."],
  });
}

/**
 * How the password changed, which the mail says as it happened: a reset (the link by e-mail) signs
 * every device out (options.ts `revokeSessionsOnPasswordReset`); a change in Settings signs the
 * other devices out only when the person left "sign out other devices" ticked.
 */
export type PasswordChange = "reset" | "changed-others-signed-out" | "changed-others-still-signed-in";

/** To the account's address: its password changed (plugins/account-activity, and a reset's callback). */
export function passwordChanged(context: EmailContext, { to, name }: Recipient, how: PasswordChange): EmailMessage {
  const account = `The password of the ${context.appName} account for ${to}`;
  const what: Record<PasswordChange, string[]> = {
    reset: [
      `${account} was just reset with a link sent to this address, and every device was signed out.`,
      "If it was you, there is nothing else to do. If it was not, reset your password now:",
    ],
    "changed-others-signed-out": [
      `${account} was just changed in Settings, and every other device was signed out.`,
      "If it was you, there is nothing else to do. If it was not, reset your password now: that signs out every device.",
    ],
    "changed-others-still-signed-in": [
      `${account} was just changed in Settings. Your other devices are still signed in.`,
      "If it was not you, reset your password now: that signs out every device. You can also sign out any device you do not recognise in Settings → Devices.",
    ],
  };
  return renderEmail(context, to, {
    subject: `Your ${context.appName} password was changed`,
    paragraphs: [greeting(name), ...what[how]],
    action: { label: "Reset my password", href: "/forgot-password" },
    ...(how === "changed-others-still-signed-in"
      ? { secondary: { label: "Settings → Devices", href: "/settings#sessions-heading" } }
      : {}),
  });
}

/** To the account's address: two-factor was turned off (plugins/account-activity, after the response). */
export function twoFactorDisabled(context: EmailContext, { to, name }: Recipient): EmailMessage {
  return renderEmail(context, to, {
    subject: `Two-factor authentication was turned off for your ${context.appName} account`,
    paragraphs: [
      greeting(name),
      `Two-factor authentication was just turned off for the ${context.appName} account for ${to}: signing in now asks for the password only.`,
      "If it was you, there is nothing else to do. If it was not, reset your password now, then turn two-factor on again in Settings:",
    ],
    action: { label: "Reset my password", href: "/forgot-password" },
  });
}

/** To the account's address: a passkey was added, which signs in without the password. */
export function passkeyAdded(context: EmailContext, { to, name }: Recipient): EmailMessage {
  return renderEmail(context, to, {
    subject: `A passkey was added to your ${context.appName} account`,
    paragraphs: [
      greeting(name),
      `A passkey was just added to the ${context.appName} account for ${to}. It signs in without the password.`,
      "If it was you, there is nothing else to do. If it was not, remove it in Settings, under Passkeys, and reset your password:",
    ],
    action: { label: "Open Settings", href: "/settings" },
  });
}

/** To the new address: the change happens only when this link is opened. */
export function changeEmailVerification(context: EmailContext, { to, url }: { to: string; url: string }): EmailMessage {
  return renderEmail(context, to, {
    subject: `Confirm your new e-mail for ${context.appName}`,
    paragraphs: [
      "Hello,",
      `You asked to use ${to} for your ${context.appName} account. Until you confirm it, the account keeps its current address.`,
    ],
    action: { label: "Confirm my new e-mail", href: url },
    after: [ONE_HOUR, "If you did not ask for this, ignore this e-mail: nothing changes."],
  });
}

/**
 * To the OLD address first: nothing changes unless it is confirmed here, and "this wasn't me"
 * cancels it and signs every device out. Whoever asked had a session and the password.
 */
export function changeEmailConfirmation(
  context: EmailContext,
  { to, name, newEmail, confirmUrl, cancelUrl }: Recipient & { newEmail: string; confirmUrl: string; cancelUrl: string },
): EmailMessage {
  return renderEmail(context, to, {
    subject: `Confirm the change of your ${context.appName} e-mail`,
    paragraphs: [
      greeting(name),
      `Someone signed in to your ${context.appName} account asked to change its e-mail from ${to} to ${newEmail}. Nothing changes unless you confirm it here; then a last link goes to the new address.`,
    ],
    action: { label: "Confirm the change", href: confirmUrl },
    secondary: { label: "This wasn't me: cancel it and sign out every device", href: cancelUrl },
    after: [
      "The links work for one hour.",
      "If it was not you, cancel it: whoever asked knew your password, so choose a new one afterwards.",
    ],
  });
}

export function accountDeleted(context: EmailContext, { to, name }: Recipient): EmailMessage {
  return renderEmail(context, to, {
    subject: `Your ${context.appName} account was deleted`,
    paragraphs: [
      greeting(name),
      `The ${context.appName} account for ${to} and all of its tasks were deleted, and every device was signed out.`,
      `Thank you for using ${context.appName}. You are welcome back at any time.`,
    ],
  });
}

/**
 * To the owner of a verified address someone used to sign up again: instead of nothing, so that
 * the owner learns of it, and a person who forgot they have an account finds their way in.
 */
export function signUpAttempted(context: EmailContext, { to }: { to: string }): EmailMessage {
  return renderEmail(context, to, {
    subject: `Someone tried to sign up for ${context.appName} with your e-mail`,
    paragraphs: [
      "Hello,",
      `Someone tried to create a ${context.appName} account for ${to}, which already has one. Nothing was changed.`,
      `If it was you, sign in or reset your password ("Forgot your password?" on the sign-in page).`,
    ],
    action: { label: "Sign in", href: "/signin" },
    after: ["If it was not you, ignore this e-mail: your account stays as it is."],
  });
}
