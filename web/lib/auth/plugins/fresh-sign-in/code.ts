/**
 * POST /api/auth/fresh-sign-in/code { code } → { status: true }: a six-digit code from the
 * authenticator app of a person with two-factor on, checked as the sign-in's code step checks it
 * (plugins/two-factor/check-code.ts), then this session counts as signed in now (renew.ts).
 * Recovery codes are not taken here: they are for a lost phone at sign-in, and each works once.
 *
 * Guesses are limited twice, as at the code step: 5 a minute from one address (the plugin's rate
 * limit, index.ts) and, for the person, the two-factor lock-out (the 5th wrong code in a row locks
 * every code check for a minute, counted in the same `two_factor` row). Every wrong code gets one
 * answer, INVALID_CODE.
 */
import "server-only";
import { APIError, createAuthEndpoint, sensitiveSessionMiddleware } from "better-auth/api";
import { TWO_FACTOR_ERROR_CODES } from "better-auth/plugins/two-factor";
import { eq } from "drizzle-orm";
import * as v from "valibot";
import type { HttpDatabase } from "../../../../../drizzle/http-database.ts";
import { twoFactor } from "../../../../../drizzle/index.ts";
import { APP_CODE, checkCode } from "../two-factor/check-code.ts";
import { codeCheckable } from "../two-factor/code-checkable.ts";
import { CODE_LOCK_OUT } from "../two-factor/index.ts";
import { countAndRecordWrongCode } from "../two-factor/wrong-code.ts";
import { renewSignIn } from "./renew.ts";

/** Longer than any code: anything longer is wrong without being read. */
const CODE_MAX = 64;

export const freshSignInWithCode = (db: HttpDatabase) =>
  createAuthEndpoint(
    "/fresh-sign-in/code",
    { method: "POST", use: [sensitiveSessionMiddleware], body: v.object({ code: v.pipe(v.string(), v.maxLength(CODE_MAX)) }) },
    async (ctx) => {
      const [row] = await db.select().from(twoFactor).where(eq(twoFactor.userId, ctx.context.session.user.id)).limit(1);
      const now = new Date();
      const secrets = codeCheckable(row, now);
      const code = ctx.body.code.trim();
      const right = APP_CODE.test(code) && (await checkCode(code, secrets, ctx.context.secretConfig)).right;
      if (!right) {
        await countAndRecordWrongCode(ctx, db, secrets.userId, { twoFactorId: secrets.id, now, ...CODE_LOCK_OUT });
        throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.INVALID_CODE);
      }
      // A right code starts the person's count of wrong ones again, as the code step's does.
      await db.update(twoFactor).set({ failedVerificationCount: 0, lockedUntil: null }).where(eq(twoFactor.id, secrets.id));
      return renewSignIn(ctx, ctx.context.session, "two_factor");
    },
  );
