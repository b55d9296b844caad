/// <reference path="../worker-configuration.d.ts" />
/**
 * The app's Hono environment: generated bindings (`Env`, from `wrangler types`) and context variables.
 * The reference above makes `Env` resolve wherever this module is compiled, including the web
 * app's program when it imports `AppType` (type-only) for its typed client.
 */
import type { RequestIdVariables } from "hono/request-id";
import type { Caller } from "./data/live-session.ts";
import type { Database } from "./db.ts";

export type AppEnv = {
  Bindings: Env;
  // `caller` and `tokenExpiresAt`: set by jwtAuth (middleware/jwt-auth.ts), which imports this type: naming its
  // variables here, not importing them from there, keeps the two modules out of a cycle.
  // `databaseInUse`: set by a route whose response body still reads the database after the handler
  // returns (the export); requestDatabase releases the connection only once it settles.
  Variables: { caller: Caller; tokenExpiresAt: number } & RequestIdVariables & { db: Database; databaseInUse?: Promise<void> };
};
