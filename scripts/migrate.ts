// `npm run db:migrate`: applies drizzle/migrations (drizzle-kit's SQL files).
// - DATABASE_URL set: migrates that database (Neon: sslmode=require gives TLS).
// - otherwise: the local embedded database in .data/pglite: through the running `npm run db` /
//   `npm run dev` when one holds it, else by opening it here (PGlite), migrating and closing it.

import { LOCAL_DATA_DIR } from "./lib/project-database.ts";
import { applyMigrations } from "./local-db/apply-migrations.ts";
import { readDataDirLock } from "./local-db/data-dir-lock.ts";
import { startEmbeddedPostgres } from "./local-db/embedded-postgres.ts";
import { redactPassword } from "./local-db/loopback.ts";

const dataDir = LOCAL_DATA_DIR;
const log = (line: string) => console.log(`[db:migrate] ${line}`);

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    log(`migrating DATABASE_URL (${redactPassword(databaseUrl)})`);
    await applyMigrations(databaseUrl, { log });
    return;
  }
  const running = readDataDirLock(dataDir);
  if (running?.databaseUrl) {
    log(`migrating the running local database (process ${running.pid}): ${running.databaseUrl}`);
    await applyMigrations(running.databaseUrl, { log });
    return;
  }
  log(`migrating the local embedded database in ${dataDir}`);
  const pglite = await startEmbeddedPostgres({ dataDir, port: 0, log });
  try {
    await applyMigrations(pglite.databaseUrl, { log });
  } finally {
    await pglite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[db:migrate] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
