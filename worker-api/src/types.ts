/** The app's Hono environment: generated bindings (`Env`, from `wrangler types`) and context variables. */
import type { Context } from "hono";
import type { RequestIdVariables } from "hono/request-id";
import type { Database } from "./db.ts";
import type { JwtAuthVariables } from "./middleware/jwt-auth.ts";

export type AppEnv = {
  Bindings: Env;
  Variables: JwtAuthVariables & RequestIdVariables & { db: Database };
};

export type AppContext = Context<AppEnv>;
