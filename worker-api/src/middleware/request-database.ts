/**
 * @module request-database
 * Opens the request's Drizzle client as `c.var.db`, and releases it (a per-request Pool, on the
 * WebSocket transport) once the response is ready, without delaying it; or, when the response's
 * body still reads the database as it streams (`databaseInUse`), once that body is done.
 */
import type { MiddlewareHandler } from "hono";
import { getConfig } from "../config.ts";
import { openDatabase } from "../db.ts";
import type { AppEnv } from "../types.ts";

export function requestDatabase(): MiddlewareHandler<AppEnv> {
  return async function requestDatabase(c, next) {
    const { db, release } = openDatabase(getConfig(c.env));
    c.set("db", db);
    try {
      await next();
    } finally {
      if (release) {
        const inUse = c.get("databaseInUse");
        c.executionCtx.waitUntil(inUse ? inUse.then(release, release) : release());
      }
    }
  };
}
