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
 */
import "server-only";
import { liveTicketAudience } from "../../../worker-api/src/live/protocol.ts";
import type { Auth } from "./create-auth.ts";
import { apiTokenClaims } from "./jwt.ts";

export type SessionIds = { session: { id: string }; user: { id: string } };

const claimsFor = (session: SessionIds) => ({
  iat: Math.floor(Date.now() / 1000),
  ...apiTokenClaims(session.session),
  sub: session.user.id,
});

export async function mintServerApiToken(auth: Auth, session: SessionIds): Promise<string> {
  const { token } = await auth.api.signJWT({ body: { payload: claimsFor(session) } });
  return token;
}

/** @param webOrigin - the app's origin (the API tokens' audience), which the ticket's derives from. */
export async function mintLiveTicket(auth: Auth, session: SessionIds, webOrigin: string): Promise<string> {
  const payload = { ...claimsFor(session), aud: liveTicketAudience(webOrigin) };
  const { token } = await auth.api.signJWT({ body: { payload } });
  return token;
}
