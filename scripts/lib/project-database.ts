/**
 * The database for `npm run dev` and `npm run preview`: the embedded PGlite in .data/pglite (or
 * the Postgres named by DATABASE_URL) behind the local Neon endpoint, on the ports that
 * .dev.vars.example names, with migrations applied. A hosted Neon URL is used as it is.
 */
import { resolve } from "node:path";
import { applyMigrations, type LocalDatabase, startLocalDatabase } from "../local-db/index.ts";

const ROOT = resolve(import.meta.dirname, "../..");

export type ProjectDatabase = { databaseUrl: string; endpointUrl: string; local?: LocalDatabase };

const isHostedNeon = (url: string) => /\.neon\.tech$/.test(new URL(url).hostname);

export async function startProjectDatabase(): Promise<ProjectDatabase> {
  const external = process.env.DATABASE_URL;
  if (external && isHostedNeon(external)) {
    await applyMigrations(external);
    return { databaseUrl: external, endpointUrl: "" };
  }
  const local = await startLocalDatabase({
    databaseUrl: external,
    dataDir: external ? undefined : resolve(ROOT, ".data/pglite"),
    pgPort: Number(process.env.LOCAL_PG_PORT ?? 5433),
    endpointPort: Number(process.env.LOCAL_NEON_PORT ?? 4444),
    log: (line) => console.log(`[db] ${line}`),
  });
  await applyMigrations(local.databaseUrl);
  return { databaseUrl: local.databaseUrl, endpointUrl: local.endpointUrl, local };
}
