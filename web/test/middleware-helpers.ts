/** The web's middleware (web/middleware.ts) run inside workerd, as OpenNext runs it. */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { NextRequest } from "next/server";
import type { WebBindings } from "../lib/env.ts";
import { middleware } from "../middleware.ts";
import { authEnv, ORIGIN } from "./workers-helpers.ts";

/** The middleware's response to a page request: the worker's env in the Cloudflare context, as OpenNext sets it. */
export async function middlewareResponse(path: string, cookie = "", bindings: WebBindings = authEnv): Promise<Response> {
  const ctx = createExecutionContext();
  (globalThis as Record<symbol, unknown>)[Symbol.for("__cloudflare-context__")] = { env: bindings, ctx, cf: undefined };
  try {
    return await middleware(new NextRequest(new URL(path, ORIGIN), { headers: { cookie } }));
  } finally {
    await waitOnExecutionContext(ctx);
  }
}

/** What the middleware decided: a redirect, or the page served (handed on to Next). */
export async function runMiddleware(path: string, cookie = "", bindings: WebBindings = authEnv) {
  const response = await middlewareResponse(path, cookie, bindings);
  const location = response.headers.get("Location");
  return location ? { redirect: new URL(location, ORIGIN) } : { served: response.headers.get("x-middleware-next") === "1" };
}
