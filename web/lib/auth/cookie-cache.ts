/**
 * Whether a request is signed in, as far as can be told without the database: Better Auth's
 * cookie cache (`session_data`, HMAC-signed with the auth secret, 5 minutes) names a session that
 * has not expired and is the one the session cookie carries. For the middleware, which runs before
 * any page and must not pay a database round trip: the session cookie's mere presence is no
 * evidence (a revoked or expired session keeps its cookie until something clears it).
 */
import "server-only";
import { getCookieCache, getSessionCookie } from "better-auth/cookies";
import type { WebEnv } from "../env.ts";

type Secrets = Pick<WebEnv, "baseURL" | "currentSecret" | "earlierSecrets">;

export async function signedInByCookieCache(request: Request, { baseURL, currentSecret, earlierSecrets }: Secrets) {
  const sessionCookie = getSessionCookie(request);
  if (!sessionCookie) return false;
  // The cookie is `<token>.<signature>`; the cache names the token.
  const token = sessionCookie.slice(0, sessionCookie.lastIndexOf("."));
  // Explicit: Better Auth would otherwise guess the cookie's __Secure- prefix from NODE_ENV.
  const isSecure = baseURL.startsWith("https://");
  // The cache is signed with the secret current when it was written: during a rotation, an earlier one.
  for (const secret of [currentSecret, ...earlierSecrets]) {
    const cached = await getCookieCache(request, { secret, isSecure });
    if (cached) return cached.session.token === token;
  }
  return false;
}
