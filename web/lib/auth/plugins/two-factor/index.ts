/**
 * Two-factor authentication with an authenticator app (TOTP) and ten single-use recovery codes:
 * Better Auth's `twoFactor` plugin, with this app's limits.
 *
 *   POST /api/auth/two-factor/enable                { password } → { totpURI, backupCodes }; not on until
 *   POST /api/auth/two-factor/verify-totp           { code }       a first code confirms it (signed in only: code-step-only.ts)
 *   POST /api/auth/two-factor/sign-in               { code, trustDevice? }  the sign-in's code step, either kind (code-step.ts)
 *   POST /api/auth/two-factor/generate-backup-codes { password } → ten new codes; the old ones stop working
 *   POST /api/auth/two-factor/disable               { password }
 *
 * After a right password, sign-in answers `{ twoFactorRedirect: true }` without a session, and a
 * signed `two_factor` cookie names the pending sign-in for 10 minutes; the code step turns it into
 * a session. Only a right password gets that far, so nothing says whether an address has
 * two-factor before then. OAuth sign-ins get the same step (oauth-step.ts).
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { twoFactor } from "better-auth/plugins/two-factor";
import type { HttpDatabase } from "../../../../../drizzle/http-database.ts";
import { APP_NAME } from "../../account-mail.ts";
import { twoFactorActivity } from "./activity.ts";
import { type CodeStepLimits, twoFactorCodeStep } from "./code-step.ts";
import { codeStepOnly } from "./code-step-only.ts";
import { oauthSignInsAskForTheCode } from "./oauth-step.ts";

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

/** Code attempts: 5 a minute from one address (the rate limit) and for one person (the lock-out). */
export const CODE_ATTEMPTS_PER_MINUTE = 5;

/** Per person, across addresses, pending sign-ins and fresh sign-ins with a code. */
export const CODE_LOCK_OUT = { maxFailures: CODE_ATTEMPTS_PER_MINUTE, lockSeconds: MINUTE } as const;

const LIMITS: CodeStepLimits = {
  // Per person, across addresses and pending sign-ins: the 5th wrong code in a row locks the
  // code step for a minute (429); a right code starts the count again.
  ...CODE_LOCK_OUT,
  // "Trust this browser": the code step is skipped for 30 days on that browser.
  trustDeviceSeconds: 30 * DAY,
};

/** The plugin, and the sign-in's code step of our own over its tables (code-step.ts). */
export function twoFactorAuthentication(db: HttpDatabase) {
  return [withOurLimits(), twoFactorCodeStep(db, LIMITS)] as const;
}

function withOurLimits() {
  const plugin = twoFactor({
    issuer: APP_NAME,
    trustDeviceMaxAge: LIMITS.trustDeviceSeconds,
    backupCodeOptions: { amount: 10, length: 10 },
    accountLockout: { enabled: true, maxFailedAttempts: LIMITS.maxFailures, durationSeconds: LIMITS.lockSeconds },
  });
  return {
    ...plugin,
    // Per address, for each of its routes: its own 3 per 10 s would allow 18 guesses a minute.
    rateLimit: [
      { pathMatcher: (path: string) => path.startsWith("/two-factor/"), window: MINUTE, max: CODE_ATTEMPTS_PER_MINUTE },
    ],
    hooks: {
      // The plugin has no before hooks of its own (1.7.25): ours is the only one.
      before: codeStepOnly(),
      after: [
        ...(plugin.hooks?.after ?? []),
        ...oauthSignInsAskForTheCode(LIMITS.trustDeviceSeconds).after,
        ...twoFactorActivity(),
      ],
    },
  } satisfies BetterAuthPlugin;
}
