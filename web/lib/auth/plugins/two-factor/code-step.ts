/**
 * The sign-in's code step in three database round trips, over the two-factor plugin's own tables
 * and cookies:
 *
 *   POST /api/auth/two-factor/sign-in   { code, trustDevice? } → { token, user }
 *
 * `code` is a code from the app (six digits) or a recovery code. The plugin's verify-totp and
 * verify-backup-code take twelve round trips for the same step (docs/decisions/two-factor-with-
 * the-plugin.md); they stay for turning two-factor on and for other callers.
 *
 * 1. the rate limit (the plugin's rule in index.ts: 5 a minute per address on /two-factor/*);
 * 2. one read: the pending sign-in, its attempts, the person and their secret (pending-sign-in.ts);
 * 3. one batch. A right code: the challenge spent (code-step-writes.ts) with, behind it, the
 *    session Better Auth's adapter inserts, the `sign_in` event (and `recovery_code_used`), and the
 *    trusted-browser row; if the challenge or the code was spent meanwhile, the batch is undone and
 *    no session exists. A wrong code: the attempt and the person's failure counted, the lock-out at
 *    the 5th in a row, and the failed sign-in recorded (wrong-code.ts).
 * Cookies are set only once the batch has committed, by Better Auth's `setSessionCookie` (the
 * session and its cookie cache), as the plugin sets them. Every wrong code gets one answer
 * (INVALID_CODE), whichever kind it was and whichever part was wrong.
 */
import "server-only";
import type { BetterAuthPlugin, GenericEndpointContext, User } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { expireCookie, setSessionCookie } from "better-auth/cookies";
import { generateRandomString } from "better-auth/crypto";
import { parseUserOutput } from "better-auth/db";
import { TWO_FACTOR_ERROR_CODES } from "better-auth/plugins/two-factor";
import * as v from "valibot";
import type { HttpDatabase } from "../../../../../drizzle/http-database.ts";
import { sqlState } from "../../../../../drizzle/sql-state.ts";
import { recordAccountEvent } from "../../activity/record.ts";
import { inOneRequestBatch } from "../../request-batch.ts";
import { checkCode } from "./check-code.ts";
import { codeCheckable } from "./code-checkable.ts";
import { dropChallenge, NOTHING_SPENT, spendChallenge } from "./code-step-writes.ts";
import { attemptsSoFar, type PendingSignIn, readPendingSignIn } from "./pending-sign-in.ts";
import { TRUST_DEVICE_COOKIE, trustToken } from "./trusted-browser.ts";
import { countAndRecordWrongCode } from "./wrong-code.ts";

export const CODE_STEP_ENDPOINT = "/two-factor/sign-in";

/** The plugin's cookie names (its constant.ts) and its attempts per challenge (`beginAttempt(5)`). */
const CHALLENGE_COOKIE = "two_factor";
const ATTEMPTS_PER_CHALLENGE = 5;
/** Longer than any code: a recovery code is 11 characters. */
const CODE_MAX = 64;

export type CodeStepLimits = {
  /** Wrong codes in a row before the person is locked out, and for how long (the plugin's `accountLockout`). */
  maxFailures: number;
  lockSeconds: number;
  /** "Trust this browser": seconds (the plugin's `trustDeviceMaxAge`). */
  trustDeviceSeconds: number;
};

const wrongCode = () => APIError.from("UNAUTHORIZED", TWO_FACTOR_ERROR_CODES.INVALID_CODE);

export const twoFactorCodeStep = (db: HttpDatabase, limits: CodeStepLimits) =>
  ({
    id: "two-factor-code-step",
    endpoints: {
      twoFactorSignIn: createAuthEndpoint(
        CODE_STEP_ENDPOINT,
        {
          method: "POST",
          body: v.object({
            code: v.pipe(v.string(), v.maxLength(CODE_MAX)),
            trustDevice: v.optional(v.boolean()),
          }),
        },
        async (ctx) => {
          const challengeCookie = ctx.context.createAuthCookie(CHALLENGE_COOKIE);
          const challenge = await ctx.getSignedCookie(challengeCookie.name, ctx.context.secret);
          const expired = () => {
            expireCookie(ctx, challengeCookie);
            return APIError.from("UNAUTHORIZED", TWO_FACTOR_ERROR_CODES.INVALID_TWO_FACTOR_COOKIE);
          };
          if (!challenge) throw expired();
          const pending = await readPendingSignIn(db, challenge);
          const now = new Date();
          if (!pending || pending.expiresAt <= now || pending.attempts === null) throw expired();
          const secrets = codeCheckable(pending.twoFactor, now);
          if (attemptsSoFar(pending.attempts, ATTEMPTS_PER_CHALLENGE) >= ATTEMPTS_PER_CHALLENGE) {
            await dropChallenge(db, challenge);
            expireCookie(ctx, challengeCookie);
            throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE);
          }

          const checked = await checkCode(ctx.body.code, secrets, ctx.context.secretConfig);
          if (!checked.right) {
            await countAndRecordWrongCode(ctx, db, pending.user.id, { challenge, twoFactorId: secrets.id, now, ...limits });
            throw wrongCode();
          }
          const spend = spendChallenge(db, {
            challenge,
            userId: pending.user.id,
            twoFactorId: secrets.id,
            now,
            recovery: checked.kind === "recovery" ? { stored: secrets.backupCodes, remaining: checked.remaining } : undefined,
          });
          const dontRememberMe = await ctx.getSignedCookie(ctx.context.authCookies.dontRememberToken.name, ctx.context.secret);
          let made: Awaited<ReturnType<typeof heldWrites>>;
          try {
            made = await inOneRequestBatch(
              db,
              () => heldWrites(ctx, pending, { recovery: checked.kind === "recovery", dontRememberMe: !!dontRememberMe }, limits),
              [spend],
            );
          } catch (error) {
            // Spent by another request meanwhile (the challenge, or this recovery code): nothing was written.
            if (sqlState(error) === NOTHING_SPENT) throw wrongCode();
            throw error;
          }

          await setSessionCookie(ctx, { session: made.session, user: pending.user });
          expireCookie(ctx, challengeCookie);
          if (made.trustedBrowser) {
            const cookie = ctx.context.createAuthCookie(TRUST_DEVICE_COOKIE, { maxAge: limits.trustDeviceSeconds });
            await ctx.setSignedCookie(cookie.name, made.trustedBrowser, ctx.context.secret, cookie.attributes);
            expireCookie(ctx, ctx.context.authCookies.dontRememberToken);
          }
          return ctx.json({ token: made.session.token, user: parseUserOutput(ctx.context.options, pending.user) });
        },
      ),
    },
  }) satisfies BetterAuthPlugin;

/**
 * The inserts of a right code, made through Better Auth (held in the request's batch, so they cost
 * no round trip here): the session, the sign-in's account events, and the trusted-browser row,
 * which is the plugin's: its value the person, its cookie `<HMAC>!<identifier>`, checked by the
 * plugin at the next password sign-in.
 */
async function heldWrites(
  ctx: GenericEndpointContext,
  pending: PendingSignIn,
  options: { recovery: boolean; dontRememberMe: boolean },
  limits: CodeStepLimits,
) {
  const person: User = pending.user;
  const session = await ctx.context.internalAdapter.createSession(person.id, options.dontRememberMe);
  const where = { ipAddress: session.ipAddress, userAgent: session.userAgent };
  const method = options.recovery ? "recovery_code" : "two_factor";
  await recordAccountEvent(ctx, { userId: person.id, kind: "sign_in", method, ...where });
  if (options.recovery) await recordAccountEvent(ctx, { userId: person.id, kind: "recovery_code_used", ...where });
  if (!(ctx.body as { trustDevice?: boolean }).trustDevice) return { session, trustedBrowser: undefined };
  const identifier = `trust-device-${generateRandomString(32)}`;
  await ctx.context.internalAdapter.createVerificationValue({
    value: person.id,
    identifier,
    expiresAt: new Date(Date.now() + limits.trustDeviceSeconds * 1000),
  });
  return { session, trustedBrowser: await trustToken(ctx.context.secret, person.id, identifier) };
}
