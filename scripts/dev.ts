/**
 * `npm run dev`: the whole app on this machine, no cloud account needed.
 * Starts the local database (embedded PGlite in .data/pglite, or the Postgres named by
 * DATABASE_URL) behind the local Neon-compatible endpoint, applies migrations, and serves the API
 * worker with `wrangler dev`. Ctrl-C stops everything and keeps the data.
 */
import { copyFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { startWranglerDev } from "./lib/wrangler-dev.ts";
import { applyMigrations, startLocalDatabase } from "./local-db/index.ts";

const root = resolve(import.meta.dirname, "..");
const API_PORT = Number(process.env.API_PORT ?? 8787);

function ensureDevVars() {
  const devVars = resolve(root, ".dev.vars");
  if (existsSync(devVars)) return;
  copyFileSync(resolve(root, ".dev.vars.example"), devVars);
  console.log("Created .dev.vars from .dev.vars.example (edit it to change local settings).");
}

/** A hosted Neon URL needs no local endpoint; anything else (PGlite, a local Postgres) does. */
const isHostedNeon = (url: string) => /\.neon\.tech([:/]|$)/.test(new URL(url).hostname);

async function main() {
  ensureDevVars();
  const external = process.env.DATABASE_URL;
  const database =
    external && isHostedNeon(external)
      ? undefined
      : await startLocalDatabase({
          databaseUrl: external,
          dataDir: external ? undefined : resolve(root, ".data/pglite"),
          pgPort: Number(process.env.LOCAL_PG_PORT ?? 5433),
          endpointPort: Number(process.env.LOCAL_NEON_PORT ?? 4444),
          log: (line) => console.log(`[db] ${line}`),
        });
  const databaseUrl = database?.databaseUrl ?? (external as string);
  await applyMigrations(databaseUrl);

  const api = await startWranglerDev({
    port: API_PORT,
    vars: { DATABASE_URL: databaseUrl, NEON_LOCAL_ENDPOINT: database?.endpointUrl ?? "" },
  });

  console.log(`
  API worker     ${api.url}   (GET /health, GET /ready, /api/:userId/tasks)
  Database       ${database ? `${databaseUrl} via ${database.endpointUrl}` : "Neon (DATABASE_URL)"}
  Press Ctrl-C to stop.
`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await api.stop();
    await database?.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  api.process.once("exit", (code) => {
    if (!stopping) console.error(`wrangler dev exited (${code}); stopping.`);
    void shutdown();
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
