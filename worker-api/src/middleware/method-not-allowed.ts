/**
 * @module method-not-allowed
 * Registered after a path's real routes: any other method on that path is a 405 with `Allow`.
 */
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../errors.ts";
import type { AppEnv } from "../types.ts";

export function methodNotAllowed(allowed: string[]): MiddlewareHandler<AppEnv> {
  const allow = [...allowed, "OPTIONS"].join(", ");
  return async function methodNotAllowed(c) {
    throw new ApiError(405, "method_not_allowed", `${c.req.method} is not allowed here; use ${allowed.join(" or ")}.`, {
      headers: { Allow: allow },
    });
  };
}
