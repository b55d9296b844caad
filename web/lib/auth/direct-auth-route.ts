/**
 * The two auth calls a signed-in browser makes most, `GET /api/auth/token` and
 * `GET /api/auth/get-session`, answered by the web worker's entry (worker.js) before OpenNext: in
 * a CPU profile most of token's time was Next.js's route pipeline and OpenNext's adapter around
 * Better Auth, not Better Auth.
 *
 * worker.js cannot import the auth route itself: wrangler would bundle a second copy of Better
 * Auth beside the one in OpenNext's bundle (measured: 1,474.69 to 1,821.68 KiB gzip, over the
 * 1,536 KiB budget). So the route module inside OpenNext's bundle (app/api/auth/[...all]/route.ts)
 * registers its handler here when Next first loads it, on the isolate's global object (worker.js
 * and OpenNext's bundle each hold a copy of this small module, the global is shared), and
 * worker.js hands these two requests to it once it is there. Until then (an isolate's first auth
 * request) they go through OpenNext, as every other request does.
 *
 * The handler is the same `authRoute` with the same guards and the same isolate's Better Auth;
 * only the headers that next.config.ts adds to every /api/* response are added here instead.
 * Compared on the running stack, the answers differ from Next's only in what Next adds for its
 * own router (`Vary: rsc, next-router-state-tree, …`) and OpenNext's `Content-Encoding: identity`
 * (so workerd may compress them); Better Auth's own `Cache-Control: no-store` is in both.
 * Only these exact paths and GET: any other spelling or method goes through Next.js as before.
 */
import type { WebBindings } from "../env.ts";
import { withSecurityHeaders } from "../http/security-headers.ts";
import type { WaitUntil } from "../worker-context.ts";

export type DirectAuthHandler = (request: Request, bindings: WebBindings, ctx: WaitUntil) => Promise<Response>;

/** The paths answered directly: what the browser asks for each API token and each session check. */
export const DIRECT_AUTH_PATHS: ReadonlySet<string> = new Set(["/api/auth/token", "/api/auth/get-session"]);

const HANDLER = Symbol.for("edge-tasks.direct-auth-route");
type WithHandler = { [HANDLER]?: DirectAuthHandler };

/** Called by the auth route's module when Next.js loads it. */
export function registerDirectAuthRoute(handler: DirectAuthHandler): void {
  (globalThis as WithHandler)[HANDLER] = handler;
}

/** For tests only: an isolate in which the auth route has not been loaded yet. */
export function unregisterDirectAuthRoute(): void {
  delete (globalThis as WithHandler)[HANDLER];
}

/**
 * The answer to `request` without OpenNext, or undefined when it must go through OpenNext: another
 * path or method, or the auth route not loaded yet in this isolate.
 */
export function directAuthResponse(request: Request, bindings: WebBindings, ctx: WaitUntil): Promise<Response> | undefined {
  if (request.method !== "GET") return undefined;
  const handler = (globalThis as WithHandler)[HANDLER];
  if (!handler || !DIRECT_AUTH_PATHS.has(new URL(request.url).pathname)) return undefined;
  // A copy with headers of its own: the handler's response may come with immutable ones.
  return handler(request, bindings, ctx).then((response) => withSecurityHeaders(new Response(response.body, response)));
}
