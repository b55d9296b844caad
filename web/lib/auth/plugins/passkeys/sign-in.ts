/**
 * POST /api/auth/passkey/verify-authentication { response } → a session: the passkey plugin's own
 * endpoint, replaced (same path, same answers and error codes) to make three database round trips
 * instead of seven:
 *
 *   1. the rate limit (Better Auth's, before the endpoint);
 *   2. the challenge consumed, with the passkey the answer names and its owner (check-answer.ts);
 *   3. one batch: the new session, its `sign_in` event (plugins/account-activity) and the
 *      passkey's signature counter (its `last_used_at` follows, by the database's trigger).
 *
 * The batch is the request's (activity/sign-in-batch.ts holds the session's inserts; the counter's
 * update is the statement that sends them). The session and its cookies (cookie cache included)
 * are Better Auth's own (`createSession`, `setSessionCookie`).
 *
 * One difference from the plugin: user verification is required here too, not only asked of the
 * authenticator (index.ts: a passkey counts as both factors only when it checked the person).
 */
import "server-only";
import { PASSKEY_ERROR_CODES } from "@better-auth/passkey";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import type { HttpDatabase } from "../../../../../drizzle/http-database.ts";
import { checkPasskeyAnswer, passkeyAnswerBody } from "./check-answer.ts";
import type { RelyingParty } from "./relying-party.ts";

export const passkeySignIn = (db: HttpDatabase, relyingParty: RelyingParty) =>
  createAuthEndpoint("/passkey/verify-authentication", { method: "POST", body: passkeyAnswerBody }, async (ctx) => {
    const { passkey, user, newCounter } = await checkPasskeyAnswer(ctx, db, relyingParty);
    // Held (the request's batch) until the counter's update sends it with the session's inserts.
    const session = await ctx.context.internalAdapter.createSession(passkey.userId);
    if (!session) throw APIError.from("INTERNAL_SERVER_ERROR", PASSKEY_ERROR_CODES.UNABLE_TO_CREATE_SESSION);
    await ctx.context.adapter.update({
      model: "passkey",
      where: [{ field: "id", value: passkey.id }],
      update: { counter: newCounter },
    });
    await setSessionCookie(ctx, { session, user });
    return ctx.json({ session, user });
  });
