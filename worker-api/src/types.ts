/// <reference path="../worker-configuration.d.ts" />
/**
 * The app's Hono environment: generated bindings (`Env`, from `wrangler types`) and context variables.
 * The reference above makes `Env` resolve wherever this module is compiled, including the web
 * app's program when it imports `AppType` (type-only) for its typed client.
 */
import type { RequestIdVariables } from "hono/request-id";
import type { Database } from "./db.ts";
import type { JwtAuthVariables } from "./middleware/jwt-auth.ts";

export type AppEnv = {
  Bindings: Env;
  Variables: JwtAuthVariables & RequestIdVariables & { db: Database };
};
