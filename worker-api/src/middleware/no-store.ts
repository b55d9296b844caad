/**
 * @module no-store
 * Marks every answer `Cache-Control: no-store`: task data is per user and changes with each write,
 * so no browser or intermediary may keep a copy.
 */
import type { MiddlewareHandler } from "hono";

export function noStore(): MiddlewareHandler {
  return async function noStore(c, next) {
    await next();
    c.header("Cache-Control", "no-store");
  };
}
