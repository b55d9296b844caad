/**
 * POST /api/auth/passkey/verify-authentication { response } → a session: the passkey plugin's own
 * endpoint, replaced (same path, same answers and error codes) to make three database round trips
 * instead of seven:
 *
 *   1. the rate limit (Better Auth's, before the endpoint);
 *   2. the challenge consumed, with the passkey the answer names and its owner (sign-in-read.ts);
 *   3. one batch: the new session, its `sign_in` event (plugins/account-activity) and the
 *      passkey's signature counter (its `last_used_at` follows, by the database's trigger).
 *
 * The batch is the request's (activity/sign-in-batch.ts holds the session's inserts; the counter's
 * update is the statement that sends them). The assertion is checked by SimpleWebAuthn's
 * `verifyAuthenticationResponse`, as the plugin does; the session and its cookies (cookie cache
 * included) are Better Auth's own (`createSession`, `setSessionCookie`).
 *
 * One difference from the plugin: user verification is required here too, not only asked of the
 * authenticator (index.ts: a passkey counts as both factors only when it checked the person).
 */
import "server-only";
import { PASSKEY_ERROR_CODES } from "@better-auth/passkey";
import type { AuthenticationResponseJSON, AuthenticatorTransportFuture } from "@simplewebauthn/server";
import { verifyAuthenticationResponse } from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import * as v from "valibot";
import type { HttpDatabase } from "../../../../../drizzle/http-database.ts";
import type { RelyingParty } from "./relying-party.ts";
import { consumeChallengeWithPasskey } from "./sign-in-read.ts";

/** The plugin's challenge cookie (its `advanced.webAuthnChallengeCookie` default, left as it is). */
const CHALLENGE_COOKIE = "better-auth-passkey";
/** Longer than any credential id an authenticator makes (at most 1023 bytes, base64url). */
const CREDENTIAL_ID_MAX = 1400;

const body = v.object({
  response: v.looseObject({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(CREDENTIAL_ID_MAX)) }),
});

/** The challenge's stored value, when it is an unexpired sign-in challenge. */
function signInChallenge(challenge: { value: string; expiresAt: Date } | null): string | undefined {
  if (!challenge || challenge.expiresAt < new Date()) return undefined;
  try {
    const { type, expectedChallenge } = JSON.parse(challenge.value) as { type?: unknown; expectedChallenge?: unknown };
    return type === "authentication" && typeof expectedChallenge === "string" ? expectedChallenge : undefined;
  } catch {
    return undefined;
  }
}

export const passkeySignIn = (db: HttpDatabase, { rpID, origin }: RelyingParty) =>
  createAuthEndpoint("/passkey/verify-authentication", { method: "POST", body }, async (ctx) => {
    const cookie = ctx.context.createAuthCookie(CHALLENGE_COOKIE);
    const token = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
    if (!token) throw APIError.from("BAD_REQUEST", PASSKEY_ERROR_CODES.CHALLENGE_NOT_FOUND);
    const response = ctx.body.response as unknown as AuthenticationResponseJSON;
    const read = await consumeChallengeWithPasskey(db, token, response.id);
    const expectedChallenge = signInChallenge(read.challenge);
    if (!expectedChallenge) throw APIError.from("BAD_REQUEST", PASSKEY_ERROR_CODES.CHALLENGE_NOT_FOUND);
    const { passkey, user } = read;
    if (!passkey || !user) throw APIError.from("UNAUTHORIZED", PASSKEY_ERROR_CODES.PASSKEY_NOT_FOUND);
    try {
      const { verified, authenticationInfo } = await verifyAuthenticationResponse({
        response,
        expectedChallenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        credential: {
          id: passkey.credentialID,
          publicKey: isoBase64URL.toBuffer(passkey.publicKey, "base64"),
          counter: passkey.counter,
          transports: passkey.transports?.split(",") as AuthenticatorTransportFuture[] | undefined,
        },
        requireUserVerification: true,
      });
      if (!verified) throw APIError.from("UNAUTHORIZED", PASSKEY_ERROR_CODES.AUTHENTICATION_FAILED);
      // Held (the request's batch) until the counter's update sends it with the session's inserts.
      const session = await ctx.context.internalAdapter.createSession(passkey.userId);
      if (!session) throw APIError.from("INTERNAL_SERVER_ERROR", PASSKEY_ERROR_CODES.UNABLE_TO_CREATE_SESSION);
      await ctx.context.adapter.update({
        model: "passkey",
        where: [{ field: "id", value: passkey.id }],
        update: { counter: authenticationInfo.newCounter },
      });
      await setSessionCookie(ctx, { session, user });
      return ctx.json({ session, user });
    } catch (error) {
      if (error instanceof APIError) throw error;
      ctx.context.logger.error("Failed to verify authentication", error);
      throw APIError.from("BAD_REQUEST", PASSKEY_ERROR_CODES.AUTHENTICATION_FAILED);
    }
  });
