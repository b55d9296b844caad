/**
 * Better Auth built once per isolate (per set of bindings), not once per use: building it (its
 * options, plugins and endpoint table, then its context on first use) costs milliseconds of CPU,
 * and a page asked for it twice (the session, then the API token). Nothing in it holds I/O of a
 * request: its database is Neon's HTTP transport (a fetch per query), and Better Auth keeps its
 * own per-request state in AsyncLocalStorage. The one per-request part, `waitUntil`, it reaches
 * through a handle that finds the execution context of the request it is running for.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { WebBindings } from "../env.ts";
import type { WaitUntil } from "../worker-context.ts";
import { type Auth, createAuth } from "./create-auth.ts";

const currentRequest = new AsyncLocalStorage<WaitUntil>();

/** `waitUntil` of the request whose work calls it. */
const requestWaitUntil: WaitUntil = {
  waitUntil(promise) {
    const ctx = currentRequest.getStore();
    // Callers already treat a throw as "no context to extend" (send-after-response.ts).
    if (!ctx) throw new Error("waitUntil called outside a request");
    ctx.waitUntil(promise);
  },
};

/** Keyed by the bindings object: a worker's `env` is one object for the isolate's life. */
const instances = new WeakMap<WebBindings, Auth>();

/** Runs `work` with the isolate's Better Auth, its `waitUntil` being this request's `ctx`. */
export function withIsolateAuth<T>(bindings: WebBindings, ctx: WaitUntil, work: (auth: Auth) => T): T {
  let auth = instances.get(bindings);
  if (!auth) {
    auth = createAuth(bindings, requestWaitUntil);
    instances.set(bindings, auth);
  }
  const shared = auth;
  return currentRequest.run(ctx, () => work(shared));
}
