/**
 * A bounded time for every request the app sends to a sign-in provider: the token exchange, the
 * user-info and e-mail reads, the ID token's key set, the OpenID discovery document.
 *
 * Why a fetch wrapper: Better Auth sends these through `betterFetch` (and jose's remote key set)
 * with no timeout and no option to give one, except for its discovery retry; without a bound, a
 * provider that accepts the connection and never answers holds the callback until the runtime
 * gives up, and the person sees nothing. Inside `withProviderTimeout` every `fetch` gets
 * `AbortSignal.timeout(limit)` (joined with its own signal), so the slow request fails like a
 * refused one and the callback answers the sign-in problem page within the limit.
 *
 * The database's requests (Neon's HTTP transport, also `fetch`) are left alone: an aborted batch
 * may still commit on the server, and a sign-in must never be half written behind its error page.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/** How long one request to a provider may take; `OAUTH_PROVIDER_TIMEOUT_MS` overrides it (settings.ts). */
export const PROVIDER_TIMEOUT_MS = 10_000;

const limits = new AsyncLocalStorage<number>();
const BOUNDED = Symbol.for("edge-tasks.provider-timeout");

/** Neon's HTTP transport names its connection in this header on every query. */
const isDatabaseRequest = (input: RequestInfo | URL, init?: RequestInit) =>
  new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)).has("Neon-Connection-String");

/** Runs `work` with every provider request it makes bounded to `limitMs`. */
export function withProviderTimeout<R>(limitMs: number, work: () => Promise<R>): Promise<R> {
  boundGlobalFetch();
  return limits.run(limitMs, work);
}

/** Wraps the isolate's `fetch` once (again if someone replaced it since, as a test's spy does). */
function boundGlobalFetch() {
  const inner = globalThis.fetch;
  if (BOUNDED in inner) return;
  const bounded: typeof fetch = (input, init) => {
    const limit = limits.getStore();
    if (limit === undefined || isDatabaseRequest(input, init)) return inner(input, init);
    const own = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const timeout = AbortSignal.timeout(limit);
    return inner(input, { ...init, signal: own ? AbortSignal.any([own, timeout]) : timeout });
  };
  globalThis.fetch = Object.assign(bounded, { [BOUNDED]: true });
}

/** The auth routes that talk to a provider: starting a sign-in or a connection (discovery), the callback. */
const PROVIDER_ROUTES = /^\/api\/auth\/(?:sign-in\/social|link-social|callback\/[^/]+)$/;

/** `handle` with the provider requests of the routes above bounded to `limitMs`. */
export function boundingProviderRequests(handle: (request: Request) => Promise<Response>, limitMs: number) {
  return (request: Request): Promise<Response> =>
    PROVIDER_ROUTES.test(new URL(request.url).pathname) ? withProviderTimeout(limitMs, () => handle(request)) : handle(request);
}
