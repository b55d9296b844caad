/**
 * A passkey's answer to a challenge, checked: the challenge the signed `better-auth-passkey` cookie
 * names is consumed together with the passkey the answer names and its owner (sign-in-read.ts, one
 * statement), then SimpleWebAuthn's `verifyAuthenticationResponse` checks the signature against
 * this environment's relying party, with user verification required. Used by the passkey sign-in
 * (sign-in.ts) and by the fresh sign-in before a sensitive action (plugins/fresh-sign-in/passkey.ts).
 *
 * Nothing is written beyond the consumed challenge: the caller stores `newCounter` with whatever
 * the answer was for (a new session, or the session's sign-in time).
 */
import "server-only";
import { PASSKEY_ERROR_CODES } from "@better-auth/passkey";
import type { AuthenticationResponseJSON, AuthenticatorTransportFuture } from "@simplewebauthn/server";
import { verifyAuthenticationResponse } from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import type { GenericEndpointContext } from "better-auth";
import { APIError } from "better-auth/api";
import * as v from "valibot";
import type { HttpDatabase } from "../../../../../drizzle/http-database.ts";
import type { RelyingParty } from "./relying-party.ts";
import { consumeChallengeWithPasskey, type PasskeySignInRead } from "./sign-in-read.ts";

/** The plugin's challenge cookie (its `advanced.webAuthnChallengeCookie` default, left as it is). */
const CHALLENGE_COOKIE = "better-auth-passkey";
/** Longer than any credential id an authenticator makes (at most 1023 bytes, base64url). */
const CREDENTIAL_ID_MAX = 1400;

/** The body of an answer: `{ response }`, the browser's `AuthenticationResponseJSON`. */
export const passkeyAnswerBody = v.object({
  response: v.looseObject({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(CREDENTIAL_ID_MAX)) }),
});

export type CheckedPasskeyAnswer = {
  passkey: NonNullable<PasskeySignInRead["passkey"]>;
  user: NonNullable<PasskeySignInRead["user"]>;
  newCounter: number;
};

/** The challenge's stored value, when it is an unexpired authentication challenge. */
function authenticationChallenge(challenge: { value: string; expiresAt: Date } | null): string | undefined {
  if (!challenge || challenge.expiresAt < new Date()) return undefined;
  try {
    const { type, expectedChallenge } = JSON.parse(challenge.value) as { type?: unknown; expectedChallenge?: unknown };
    return type === "authentication" && typeof expectedChallenge === "string" ? expectedChallenge : undefined;
  } catch {
    return undefined;
  }
}

export async function checkPasskeyAnswer(
  ctx: GenericEndpointContext,
  db: HttpDatabase,
  { rpID, origin }: RelyingParty,
): Promise<CheckedPasskeyAnswer> {
  const cookie = ctx.context.createAuthCookie(CHALLENGE_COOKIE);
  const token = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!token) throw APIError.from("BAD_REQUEST", PASSKEY_ERROR_CODES.CHALLENGE_NOT_FOUND);
  const response = (ctx.body as { response: unknown }).response as AuthenticationResponseJSON;
  const read = await consumeChallengeWithPasskey(db, token, response.id);
  const expectedChallenge = authenticationChallenge(read.challenge);
  if (!expectedChallenge) throw APIError.from("BAD_REQUEST", PASSKEY_ERROR_CODES.CHALLENGE_NOT_FOUND);
  const { passkey, user } = read;
  if (!passkey || !user) throw APIError.from("UNAUTHORIZED", PASSKEY_ERROR_CODES.PASSKEY_NOT_FOUND);
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
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
  } catch (error) {
    // A malformed or forged answer: SimpleWebAuthn throws on what it cannot parse or accept.
    ctx.context.logger.error("Failed to verify authentication", error);
    throw APIError.from("BAD_REQUEST", PASSKEY_ERROR_CODES.AUTHENTICATION_FAILED);
  }
  if (!verification.verified) throw APIError.from("UNAUTHORIZED", PASSKEY_ERROR_CODES.AUTHENTICATION_FAILED);
  return { passkey, user, newCounter: verification.authenticationInfo.newCounter };
}
