/**
 * JWTs minted inside the web worker for the session the protected layout already confirmed (from
 * the 5-minute cookie cache when fresh), instead of reading it again: the API checks the session's
 * row in the same SQL statement as its own work, so a token for an ended session is refused there
 * (401 `session_revoked`), and this saves a database round trip.
 *
 * - `mintServerApiToken`: for a server component's own API call; the same claims, key, issuer,
 *   audience and 15-minute life as the browser's /api/auth/token. It never leaves the server.
 * - `mintLiveTicket`: put in a tasks page for its live socket, so that a visit that only reads asks
 *   for no token. Its audience is the live endpoint's: every other API route refuses it
 *   (docs/decisions/server-minted-jwt-stays-on-the-server.md).
 *
 * Both are signed with the isolate's imported key (keys/server-signer.ts) and kept per session
 * and audience for most of their life (server-token-memory.ts): a page render reuses the tokens of
 * the person's previous render instead of signing two new ones.
 */
import "server-only";
import { decodeJwt } from "jose";
import { liveTicketAudience } from "../../../worker-api/src/live/protocol.ts";
import { createTokenCache, type TokenCache } from "../tasks/token-cache.ts";
import type { Auth } from "./create-auth.ts";
import { apiTokenClaims } from "./jwt.ts";
import { currentSigningKeyId, signerFor, signServerJwt } from "./keys/server-signer.ts";
import { forgetToken, type KeptTokenKey, keepToken, keptToken } from "./server-token-memory.ts";

export type SessionIds = { session: { id: string }; user: { id: string } };

const claimsFor = (session: SessionIds) => ({
  iat: Math.floor(Date.now() / 1000),
  ...apiTokenClaims(session.session),
  sub: session.user.id,
});

/** What the API tokens' kept copies are filed under: their audience is the app's origin, Better Auth's default. */
const API_AUDIENCE = "api";
const keyFor = (session: SessionIds, audience: string): KeptTokenKey => ({
  userId: session.user.id,
  sessionId: session.session.id,
  audience,
});

/** The kept token for `key` if there is one still good to give out, else a new one (then kept). */
async function keptOrSigned(auth: Auth, key: KeptTokenKey, payload: Record<string, unknown>): Promise<string> {
  const signer = await signerFor(auth);
  // Read once: the kept token is good only if its key still signs, and a new one is signed with it.
  const currentKid = await currentSigningKeyId(signer);
  const kept = keptToken(key, currentKid);
  if (kept) return kept;
  const { token, kid } = await signServerJwt(signer, payload, currentKid);
  const { exp } = decodeJwt(token);
  if (typeof exp === "number") keepToken(key, token, kid, exp * 1000);
  return token;
}

export function mintServerApiToken(auth: Auth, session: SessionIds): Promise<string> {
  return keptOrSigned(auth, keyFor(session, API_AUDIENCE), claimsFor(session));
}

/**
 * The tokens of a server API client for `session` (`mint`: `mintServerApiToken` with this request's
 * Better Auth): minted when the first call needs one, and again only when the API answers 401,
 * the session's kept token then forgotten, so that the one retry carries a new signature.
 */
export function serverApiTokens(session: SessionIds, mint: () => Promise<string>): TokenCache {
  const tokens = createTokenCache(mint);
  return {
    get: tokens.get,
    invalidate() {
      forgetToken(keyFor(session, API_AUDIENCE));
      tokens.invalidate();
    },
  };
}

/** @param webOrigin - the app's origin (the API tokens' audience), which the ticket's derives from. */
export function mintLiveTicket(auth: Auth, session: SessionIds, webOrigin: string): Promise<string> {
  const aud = liveTicketAudience(webOrigin);
  return keptOrSigned(auth, keyFor(session, aud), { ...claimsFor(session), aud });
}
