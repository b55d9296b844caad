/**
 * The Drizzle client over Neon's HTTP transport, for both workers. It holds no socket (each query
 * is one fetch), so one instance per connection string serves every request of the isolate: the
 * schema's relational config is built once, not on every request.
 */
import { neon } from "@neondatabase/serverless";
import { drizzle, type NeonHttpDatabase } from "drizzle-orm/neon-http";
import * as schema from "./index.ts";

export type HttpDatabase = NeonHttpDatabase<typeof schema>;

const clients = new Map<string, HttpDatabase>();
const isolateClients = new WeakSet<object>();

/** Whether `db` is one of these isolate-wide clients (not a per-request one). */
export const isIsolateWideClient = (db: object) => isolateClients.has(db);

export function httpDatabase(databaseUrl: string): HttpDatabase {
  let db = clients.get(databaseUrl);
  if (!db) {
    db = drizzle({ client: neon(databaseUrl), schema });
    clients.set(databaseUrl, db);
    isolateClients.add(db);
  }
  return db;
}
