/**
 * The project's local database: the embedded PGlite in .data/pglite (or the Postgres named by
 * DATABASE_URL) behind the local Neon endpoint, on the ports that .dev.vars.example names.
 * Shared by `npm run dev`, `npm run preview`, `npm run db` and `npm run db:migrate`.
 */
import { resolve } from "node:path";
import { applyMigrations, type LocalDatabase, type LocalDatabaseOptions, startLocalDatabase } from "../local-db/index.ts";

/** Where PGlite keeps its data (git-ignored); LOCAL_PGLITE_DIR overrides it (e.g. a scratch copy). */
export const LOCAL_DATA_DIR = process.env.LOCAL_PGLITE_DIR || resolve(import.meta.dirname, "../../.data/pglite");

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number, got ${process.env[name]}`);
  return value;
}

/** LOCAL_DB_RTT_MS: how far away the database seems (0 to 5000 ms; unset = 0). */
function milliseconds(name: string): number {
  const value = Number(process.env[name] ?? 0);
  if (!Number.isInteger(value) || value < 0 || value > 5000)
    throw new Error(`${name} must be 0 to 5000 (ms), got ${process.env[name]}`);
  return value;
}

/** Options for `startLocalDatabase`: front DATABASE_URL when set, else PGlite in LOCAL_DATA_DIR. */
export function localDatabaseOptions(log: (line: string) => void): LocalDatabaseOptions {
  const external = process.env.DATABASE_URL || undefined;
  return {
    databaseUrl: external,
    dataDir: external ? undefined : LOCAL_DATA_DIR,
    pgPort: port("LOCAL_PG_PORT", 5433),
    endpointPort: port("LOCAL_NEON_PORT", 4444),
    rttMs: milliseconds("LOCAL_DB_RTT_MS"),
    log,
  };
}

export type ProjectDatabase = { databaseUrl: string; endpointUrl: string; local?: LocalDatabase };

const isHostedNeon = (url: string) => /\.neon\.tech$/.test(new URL(url).hostname);

/** Starts the database (a hosted Neon URL is used as it is) and applies the migrations. */
export async function startProjectDatabase(): Promise<ProjectDatabase> {
  const external = process.env.DATABASE_URL;
  if (external && isHostedNeon(external)) {
    await applyMigrations(external);
    return { databaseUrl: external, endpointUrl: "" };
  }
  const local = await startLocalDatabase(localDatabaseOptions((line) => console.log(`[db] ${line}`)));
  await applyMigrations(local.databaseUrl);
  return { databaseUrl: local.databaseUrl, endpointUrl: local.endpointUrl, local };
}
