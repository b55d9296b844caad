/**
 * The Drizzle client for one request, over one of Neon's two transports:
 * - `http` (default): one-shot queries over HTTPS, Neon's recommendation at the edge; the client
 *   holds no socket, so one instance serves the whole isolate.
 * - `ws`: a Pool over WebSockets. Workers cannot share sockets across requests, so the Pool is
 *   created per request and ended after the response with `waitUntil`.
 */
import { Pool } from "@neondatabase/serverless";
import { drizzle as drizzleWs } from "drizzle-orm/neon-serverless";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { httpDatabase } from "../../drizzle/http-database.ts";
import * as schema from "../../drizzle/index.ts";
import { pointNeonAtLocalEndpoint } from "../../drizzle/neon-local.ts";
import type { AppConfig } from "./config.ts";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type OpenDatabase = { db: Database /** Ends the per-request Pool; absent for HTTP. */; release?: () => Promise<void> };

export function openDatabase(config: AppConfig): OpenDatabase {
  pointNeonAtLocalEndpoint(config.neonLocalEndpoint);
  if (config.dbTransport === "ws") return openPool(config.databaseUrl);
  return { db: httpDatabase(config.databaseUrl) };
}

function openPool(databaseUrl: string): OpenDatabase {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  // Without a listener, a socket closed by the peer after Terminate surfaces as an uncaught error.
  pool.on("error", (error: Error) =>
    console.warn(JSON.stringify({ level: "warn", event: "db_pool_error", error: error.message })),
  );
  return { db: drizzleWs({ client: pool, schema }), release: () => pool.end() };
}
