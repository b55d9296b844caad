/**
 * Whether a person's codes may be checked now, as the plugin decides it: two-factor is on (its
 * row exists and was confirmed with a first code) and the person is not locked out after wrong
 * codes in a row. Shared by the sign-in's code step (code-step.ts) and "confirm it's you"
 * (plugins/fresh-sign-in/code.ts), with the plugin's answers.
 */
import "server-only";
import { APIError } from "better-auth/api";
import { TWO_FACTOR_ERROR_CODES } from "better-auth/plugins/two-factor";

type TwoFactorRow = { verified: boolean | null; lockedUntil: Date | null };

/** The row itself when its codes may be checked at `now`; otherwise the plugin's refusal (400, or 429 while locked). */
export function codeCheckable<Row extends TwoFactorRow>(secrets: Row | null | undefined, now: Date): Row {
  if (!secrets || secrets.verified === false) throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TOTP_NOT_ENABLED);
  if (secrets.lockedUntil && secrets.lockedUntil > now)
    throw APIError.from("TOO_MANY_REQUESTS", TWO_FACTOR_ERROR_CODES.ACCOUNT_TEMPORARILY_LOCKED);
  return secrets;
}
