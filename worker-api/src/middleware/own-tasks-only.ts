/**
 * @module own-tasks-only
 * A token may only reach its own user's tasks: `:userId` in the path must equal the token's `sub`.
 */
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../errors.ts";
import type { AppEnv } from "../types.ts";

export function ownTasksOnly(): MiddlewareHandler<AppEnv> {
  return async function ownTasksOnly(c, next) {
    if (c.req.param("userId") !== c.get("caller").userId) {
      throw new ApiError(403, "forbidden", "This token may only access its own user's tasks.");
    }
    await next();
  };
}
