/**
 * The /api/auth/* route handler, guards in the order they run:
 * 1. every error as JSON `{code, message}` (json-errors.ts);
 * 2. bodies over 16 KiB refused with 413 before anything reads them (http/body-limit.ts);
 * 3. `GET /jwks` from isolate memory (keys/public-keys.ts);
 * 4. a method and path Better Auth does not serve answered 404 before its handler, whose rate
 *    limiter would write a row for it (served-routes.ts);
 * 5. Better Auth's handler.
 * None of 1–4 reaches the database. The Next.js route passes `withAuth` (server.ts); the tests
 * pass an instance of their own.
 */
import "server-only";
import { withBodyLimit } from "../http/body-limit.ts";
import type { Auth } from "./create-auth.ts";
import { withJsonErrors } from "./json-errors.ts";
import { withPublicKeysFromMemory } from "./keys/public-keys.ts";
import { servesRequest } from "./served-routes.ts";

/** Sign-up's largest honest body (name, e-mail, password, callback URL) is well under 1 KiB. */
export const AUTH_BODY_MAX_BYTES = 16 * 1024;

type WithAuth = (work: (auth: Auth) => Promise<Response>) => Promise<Response>;

export function authRoute(withAuth: WithAuth) {
  return withJsonErrors(
    withBodyLimit(
      AUTH_BODY_MAX_BYTES,
      withPublicKeysFromMemory((request) =>
        withAuth(async (auth) => (servesRequest(auth, request) ? auth.handler(request) : new Response(null, { status: 404 }))),
      ),
    ),
  );
}
