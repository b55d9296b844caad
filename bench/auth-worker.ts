/**
 * Better Auth alone, as the web worker's /api/auth/* route runs it (`createAuth` per request, the
 * JWKS from isolate memory), without Next.js: the benchmarks need real sign-ups, sessions, tokens
 * and key rotations, not pages, and an OpenNext build per run would cost a minute.
 */
import { createAuth } from "../web/lib/auth/create-auth.ts";
import { withPublicKeysFromMemory } from "../web/lib/auth/keys/public-keys.ts";
import type { WebBindings } from "../web/lib/env.ts";
import type { WaitUntil } from "../web/lib/worker-context.ts";

export default {
  fetch(request: Request, env: WebBindings, ctx: WaitUntil): Promise<Response> {
    return withPublicKeysFromMemory((authRequest) => createAuth(env, ctx).handler(authRequest))(request);
  },
};
