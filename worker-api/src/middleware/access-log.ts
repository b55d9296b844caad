/**
 * @module access-log
 * One structured JSON log line per request, carrying the request id (from hono/request-id), so
 * that Workers Logs can be filtered by request, user, route or status.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../types.ts";

export function accessLog(): MiddlewareHandler<AppEnv> {
  return async function accessLog(c, next) {
    const started = Date.now();
    await next();
    console.log(
      JSON.stringify({
        level: c.res.status >= 500 ? "error" : "info",
        event: "request",
        requestId: c.get("requestId"),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Date.now() - started,
        userId: c.get("caller")?.userId,
      }),
    );
  };
}
