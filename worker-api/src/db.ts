/**
 * The Drizzle client for one request, over one of Neon's two transports:
 * - `http` (default): one-shot queries over HTTPS, Neon's recommendation at the edge; the client
 *   holds no socket, so one instance serves the whole isolate. A batch is one HTTP request that
 *   runs as one transaction: one round trip.
 * - `ws`: a Pool over WebSockets. Workers cannot share sockets across requests, so the Pool is
 *   created per request and ended after the response with `waitUntil`. It has no batch: the
 *   statements run one after the other on the Pool's single connection.
 */
import { neon, Pool } from "@neondatabase/serverless";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import { drizzle as drizzleHttp } from "drizzle-orm/neon-http";
import { drizzle as drizzleWs } from "drizzle-orm/neon-serverless";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "../../drizzle/index.ts";
import { pointNeonAtLocalEndpoint } from "../../drizzle/neon-local.ts";
import type { AppConfig } from "./config.ts";

type Query = BatchItem<"pg">;
type Batch = <T extends Readonly<[Query, ...Query[]]>>(queries: T) => Promise<BatchResponse<T>>;

export type Database = PgDatabase<PgQueryResultHKT, typeof schema> & {
  /** Runs the statements in one database round trip where the transport allows it. */
  batch: Batch;
};

const httpClients = new Map<string, Database>();

export type OpenDatabase = { db: Database /** Ends the per-request Pool; absent for HTTP. */; release?: () => Promise<void> };

export function openDatabase(config: AppConfig): OpenDatabase {
  pointNeonAtLocalEndpoint(config.neonLocalEndpoint);
  if (config.dbTransport === "ws") return openPool(config.databaseUrl);
  let db = httpClients.get(config.databaseUrl);
  if (!db) {
    db = drizzleHttp({ client: neon(config.databaseUrl), schema });
    httpClients.set(config.databaseUrl, db);
  }
  return { db };
}

function openPool(databaseUrl: string): OpenDatabase {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  // Without a listener, a socket closed by the peer after Terminate surfaces as an uncaught error.
  pool.on("error", (error: Error) =>
    console.warn(JSON.stringify({ level: "warn", event: "db_pool_error", error: error.message })),
  );
  const db = drizzleWs({ client: pool, schema });
  const batch = (async (queries: readonly Query[]) => {
    const results: unknown[] = [];
    for (const query of queries) results.push(await query);
    return results;
  }) as Batch;
  return { db: Object.assign(db, { batch }), release: () => pool.end() };
}
