/**
 * `GET /health`: the worker is up (no I/O). `GET /ready`: it can serve, i.e. the database answers
 * and the JWKS can be loaded (from cache or origin).
 */
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { jwksFor } from "../auth.ts";
import { ApiError } from "../errors.ts";
import { database } from "../middleware/database.ts";
import { methodNotAllowed } from "../middleware/method-not-allowed.ts";
import type { AppEnv } from "../types.ts";

type Check = "ok" | string;

async function check(probe: () => Promise<unknown>): Promise<Check> {
  try {
    await probe();
    return "ok";
  } catch (error) {
    return (error as Error).message || "failed";
  }
}

export const healthRoutes = new Hono<AppEnv>()
  .get("/health", (c) => c.json({ status: "ok" }))
  .all("/health", methodNotAllowed(["GET"]))
  .get("/ready", database(), async (c) => {
    const [databaseCheck, jwksCheck] = await Promise.all([
      check(() => c.get("db").execute(sql`select 1`)),
      check(() => jwksFor(c.env).keys()),
    ]);
    const checks = { database: databaseCheck, jwks: jwksCheck };
    if (databaseCheck !== "ok" || jwksCheck !== "ok") {
      throw new ApiError(503, "not_ready", "A dependency is unreachable.", { details: checks });
    }
    return c.json({ status: "ok", checks });
  })
  .all("/ready", methodNotAllowed(["GET"]));
