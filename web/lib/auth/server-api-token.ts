/**
 * A JWT for the API worker, minted inside the web worker for a server component's own call:
 * the same claims, key, issuer, audience and 15-minute life as the browser's /api/auth/token.
 *
 * It takes the session the protected layout already confirmed (from the 5-minute cookie cache
 * when fresh) instead of reading it again: the API checks the session's row in the same SQL
 * statement that reads the tasks, so a token for an ended session is refused there (401
 * `session_revoked`), and this saves a database round trip before the first byte of data.
 * Unlike /api/auth/token's answer, this token never leaves the server.
 */
import "server-only";
import type { Auth } from "./create-auth.ts";
import { apiTokenClaims } from "./jwt.ts";

export type SessionIds = { session: { id: string }; user: { id: string } };

export async function mintServerApiToken(auth: Auth, session: SessionIds): Promise<string> {
  const payload = { iat: Math.floor(Date.now() / 1000), ...apiTokenClaims(session.session), sub: session.user.id };
  const { token } = await auth.api.signJWT({ body: { payload } });
  return token;
}
