/**
 * `GET /health`: the worker is up (no I/O). `GET /ready`: it can serve, i.e. the database answers
 * and the JWKS can be loaded (from cache or origin). Anyone may ask, so the answer says only
 * ok / not ok per dependency; what failed and why (driver errors, hosts) goes to the log.
 */
import { sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { ApiError, logError } from "../errors.ts";
import { jwksFor } from "../lib/configured-jwks.ts";
import { publicOperation } from "../lib/openapi-operation.ts";
import { methodNotAllowed } from "../middleware/method-not-allowed.ts";
import { requestDatabase } from "../middleware/request-database.ts";
import { HealthSchema, ReadySchema } from "../schemas/responses.ts";
import type { AppEnv } from "../types.ts";

type Check = "ok" | "failed";

async function check(c: Context<AppEnv>, dependency: string, probe: () => Promise<unknown>): Promise<Check> {
  try {
    await probe();
    return "ok";
  } catch (error) {
    logError(c, "not_ready", error as Error, { dependency });
    return "failed";
  }
}

export const healthRoutes = new Hono<AppEnv>()
  .get(
    "/health",
    publicOperation({
      operationId: "health",
      summary: "The worker is up (no I/O)",
      success: { status: 200, description: "Up.", schema: HealthSchema },
    }),
    (c) => c.json({ status: "ok" }, 200),
  )
  .get(
    "/ready",
    publicOperation({
      operationId: "ready",
      summary: "The worker can serve: the database answers and the JWKS loads",
      success: { status: 200, description: "Ready.", schema: ReadySchema },
      errors: [503],
    }),
    requestDatabase(),
    async (c) => {
      const [databaseCheck, jwksCheck] = await Promise.all([
        check(c, "database", () => c.get("db").execute(sql`select 1`)),
        check(c, "jwks", () => jwksFor(c.env).keys()),
      ]);
      const checks = { database: databaseCheck, jwks: jwksCheck };
      if (databaseCheck !== "ok" || jwksCheck !== "ok") {
        throw new ApiError(503, "not_ready", "A dependency is unreachable.", { details: checks });
      }
      return c.json({ status: "ok", checks }, 200);
    },
  );
// Outside the chain, so that Hono's client types keep each GET's own (see routes/tasks.ts).
healthRoutes.all("/health", methodNotAllowed(["GET"]));
healthRoutes.all("/ready", methodNotAllowed(["GET"]));
