/**
 * The fresh sign-in rule, shared by the server plugin and the settings forms: which Better Auth
 * paths count as sensitive, how recent the sign-in must be, and the code a refusal carries.
 * No server code here: the browser reads FRESH_SIGN_IN_REQUIRED from it.
 */

/** A sign-in older than this (10 minutes, in seconds) cannot take a sensitive action. */
export const FRESH_SIGN_IN_MAX_AGE = 10 * 60;

/** The code of the 403 answer, which the settings forms turn into "confirm it's you". */
export const FRESH_SIGN_IN_REQUIRED = "FRESH_SIGN_IN_REQUIRED";

/**
 * What a stolen or left-open session could use to take the account or lock its owner out
 * (web/test/fresh-sign-in.workers.test.ts holds a row for each, and fails on a served one without).
 */
export const SENSITIVE_PATHS: readonly string[] = [
  "/change-email",
  "/change-password",
  "/delete-user",
  "/link-social",
  "/unlink-account",
  "/revoke-other-sessions",
  "/revoke-sessions",
  "/devices/revoke",
  "/two-factor/disable",
  "/two-factor/generate-backup-codes",
  // Adding one asks before the authenticator makes it (the options), and again as it is stored.
  "/passkey/generate-register-options",
  "/passkey/verify-registration",
  "/passkey/delete-passkey",
];

/** Whether a session whose sign-in happened at `signedInAt` may take a sensitive action at `now`. */
export function signedInRecently(signedInAt: Date | string, now = Date.now()): boolean {
  const age = now - new Date(signedInAt).getTime();
  // An unparseable date is not recent; a sign-in "in the future" (clock skew) is.
  return Number.isFinite(age) && age < FRESH_SIGN_IN_MAX_AGE * 1000;
}
