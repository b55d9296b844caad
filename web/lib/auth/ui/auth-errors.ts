/**
 * Turns a Better Auth client error into a sentence for the user. Known codes and statuses get
 * friendly text; anything else shows the server's own message, so nothing is silently generic.
 */
import { SESSION_ENDED_MESSAGE } from "./session-ended.ts";

/** The `error` of a Better Auth client call (`{ data, error }`). */
export type AuthClientError = { code?: string | undefined; message?: string | undefined; status: number };

export type AuthAction =
  | "signIn"
  | "signUp"
  | "updateUser"
  | "changePassword"
  | "revokeOtherSessions"
  | "signOut"
  | "sendVerificationEmail"
  | "requestPasswordReset"
  | "resetPassword"
  | "changeEmail"
  | "revokeDevice"
  | "cancelEmailChange"
  | "deleteUser"
  | "connectAccount"
  | "disconnectAccount"
  | "twoFactor"
  | "passkey"
  | "freshSignIn";

const TWO_FACTOR_WRONG_CODE = "That code is not right. Check it and try again.";

export const NETWORK_ERROR_MESSAGE = "Cannot reach the server. Check your connection and try again.";

const BY_CODE: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "That email and password do not match. Check them and try again.",
  USER_ALREADY_EXISTS: "An account with this email already exists. Sign in instead, or use another email.",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "An account with this email already exists. Sign in instead, or use another email.",
  INVALID_EMAIL: "Enter a valid email address.",
  PASSWORD_TOO_SHORT: "That password is too short.",
  PASSWORD_TOO_LONG: "That password is too long.",
  EMAIL_NOT_VERIFIED: "Verify your email address before signing in: open the link we sent you.",
  INVALID_TOKEN: "This link is not valid any more: it was used already, or replaced by a newer one.",
  TOKEN_EXPIRED: "This link has expired: links work for one hour.",
  PASSWORD_REQUIRED: "Enter your password to delete your account.",
  DEVICE_NOT_FOUND: "That device is already signed out.",
  SESSION_EXPIRED: "Your session is too old for this change. Sign out, sign in again, then retry.",
  CREDENTIAL_ACCOUNT_NOT_FOUND: "This account has no password to change.",
  FAILED_TO_UNLINK_LAST_ACCOUNT:
    "This is your only way to sign in: set a password or connect another account before disconnecting it.",
  ACCOUNT_NOT_FOUND: "That account is already disconnected.",
  // One sentence for every wrong code, app or recovery: it never says which part was wrong.
  INVALID_CODE: TWO_FACTOR_WRONG_CODE,
  INVALID_BACKUP_CODE: TWO_FACTOR_WRONG_CODE,
  INVALID_TWO_FACTOR_COOKIE: "This sign-in has expired. Sign in again with your password.",
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "Too many wrong codes for this sign-in. Sign in again with your password.",
  ACCOUNT_TEMPORARILY_LOCKED: "Too many wrong codes. Wait a minute, then try again.",
  TOTP_ALREADY_ENABLED: "Two-factor authentication is already on.",
  // The passkey plugin's, and @simplewebauthn/browser's for a ceremony the browser ended.
  AUTH_CANCELLED: "The passkey request was cancelled or timed out. Try again when you are ready.",
  ERROR_CEREMONY_ABORTED: "The passkey request was cancelled or timed out. Try again when you are ready.",
  REGISTRATION_CANCELLED: "The passkey request was cancelled or timed out. Try again when you are ready.",
  ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED: "This device or key already holds a passkey for your account.",
  PREVIOUSLY_REGISTERED: "This device or key already holds a passkey for your account.",
  // Said the same way whatever failed: an unknown passkey names no account either way.
  PASSKEY_NOT_FOUND: "That passkey did not sign you in. Use another passkey, or your email and password.",
  AUTHENTICATION_FAILED: "That passkey did not sign you in. Use another passkey, or your email and password.",
  CHALLENGE_NOT_FOUND: "That passkey request expired. Try again.",
  FAILED_TO_VERIFY_REGISTRATION: "The passkey could not be added. Try again, or use another device or key.",
  PASSKEY_NAME_TOO_LONG: "That name is too long.",
  NOT_YOUR_PASSKEY: "That passkey belongs to another account. Use one of yours.",
  TOTP_NOT_ENABLED: "Two-factor authentication is not on for this account.",
  FRESH_SIGN_IN_REQUIRED: "Confirm it's you to continue: you signed in more than 10 minutes ago.",
  NO_PASSWORD: "Your account has no password: sign in again with the provider you use.",
  CURRENT_EMAIL_NOT_VERIFIED: "Verify your current email address first: open the link we sent to it when you signed up.",
};

export function describeAuthError(error: AuthClientError, action: AuthAction): string {
  if (error.status === 429) return "Too many attempts. Wait a minute, then try again.";
  if (error.status === 0) return NETWORK_ERROR_MESSAGE;
  // Better Auth answers a wrong current password with INVALID_PASSWORD (400).
  if (action === "changePassword" && error.code === "INVALID_PASSWORD") return "Your current password is incorrect.";
  if (action === "deleteUser" && error.code === "INVALID_PASSWORD") return "That password is incorrect.";
  if (action === "changeEmail" && error.code === "INVALID_PASSWORD") return "That password is incorrect.";
  if (action === "twoFactor" && error.code === "INVALID_PASSWORD") return "That password is incorrect.";
  if (action === "changeEmail" && error.code === "PASSWORD_REQUIRED") return "Enter your current password.";
  const known = error.code ? BY_CODE[error.code] : undefined;
  if (known) return known;
  if (action === "signIn" && error.status === 401) return BY_CODE.INVALID_EMAIL_OR_PASSWORD as string;
  if (action !== "signIn" && action !== "signUp" && error.status === 401) return SESSION_ENDED_MESSAGE;
  if (error.status >= 500) return "Something went wrong on our side. Please try again in a moment.";
  return error.message || "Something went wrong. Please try again.";
}

/**
 * A Better Auth client call's `{ data, error }`. A call that got no answer at all (offline, DNS,
 * CORS: better-fetch throws) answers status 0, which `describeAuthError` words as the network
 * message, so a form handles every failure in one place.
 */
export async function authAnswer<Answer extends { error: AuthClientError | null }>(
  call: Promise<Answer>,
): Promise<Answer | { data: null; error: AuthClientError }> {
  try {
    return await call;
  } catch {
    return { data: null, error: { status: 0, message: NETWORK_ERROR_MESSAGE } };
  }
}
