/**
 * Better Auth alone, as the web worker's /api/auth/* route runs it (one instance per isolate, the
 * JWKS from isolate memory), without Next.js: the benchmarks need real sign-ups, sessions, tokens
 * and key rotations, not pages, and an OpenNext build per run would cost a minute.
 */
import { withIsolateAuth } from "../web/lib/auth/isolate-auth.ts";
import { withPublicKeysFromMemory } from "../web/lib/auth/keys/public-keys.ts";
import type { WebBindings } from "../web/lib/env.ts";
import type { WaitUntil } from "../web/lib/worker-context.ts";

export default {
  fetch(request: Request, env: WebBindings, ctx: WaitUntil): Promise<Response> {
    return withPublicKeysFromMemory((authRequest) => withIsolateAuth(env, ctx, (auth) => auth.handler(authRequest)))(request);
  },
};
