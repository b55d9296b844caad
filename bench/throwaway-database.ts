/**
 * With DATABASE_URL (a real Postgres server, such as CI's PostgreSQL 15), a database of the bench's
 * own on that server, dropped after: a bench fills tables, counts whole tables and leaves signing
 * keys encrypted with its own secret, so a second run on a shared database would read the first
 * one's rows. Without it, nothing: the bench starts its own PGlite.
 */
import pg from "pg";

export type ThrowawayDatabase = { url?: string; drop: () => Promise<void> };

export async function throwawayDatabase(serverUrl: string | undefined, purpose: string): Promise<ThrowawayDatabase> {
  if (!serverUrl) return { drop: async () => {} };
  const name = `edge_tasks_${purpose}_${process.pid}_${Date.now()}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(query).finally(() => client.end());
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
