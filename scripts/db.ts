// `npm run db`: the local database on its own, in the foreground, until Ctrl-C / SIGTERM.
// - DATABASE_URL unset: PGlite persisted in .data/pglite, on 127.0.0.1:LOCAL_PG_PORT (5433);
// - DATABASE_URL set: that Postgres, fronted by the endpoint.
// Either way the local Neon-compatible endpoint listens on 127.0.0.1:LOCAL_NEON_PORT (4444),
// and migrations are applied first.
import { relative } from "node:path";
import { ensureDevVars } from "./lib/dev-vars.ts";
import { LOCAL_DATA_DIR, localDatabaseOptions } from "./lib/project-database.ts";
import { applyMigrations, startLocalDatabase } from "./local-db/index.ts";
import { redactPassword } from "./local-db/loopback.ts";

const log = (line: string) => console.log(`[db] ${line}`);

async function main() {
  // So that a plain `npx wrangler dev` finds DATABASE_URL and NEON_LOCAL_ENDPOINT for this database.
  ensureDevVars(() => {});
  const options = localDatabaseOptions(log);
  const fronted = options.databaseUrl;
  const db = await startLocalDatabase(options);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log(`${signal} again: exiting without a clean shutdown`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: stopping…`);
    try {
      await db.stop();
      log("stopped");
    } catch (error) {
      console.error(`[db] stop failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
    process.exit();
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    await applyMigrations(db.databaseUrl, { log });
  } catch (error) {
    console.error(`[db] migrations failed: ${error instanceof Error ? error.message : String(error)}`);
    await db.stop();
    process.exit(1);
  }

  console.log(
    [
      "",
      `  ${fronted ? `Fronting ${redactPassword(fronted)}` : `PGlite in ${displayPath(LOCAL_DATA_DIR)}`}; for .dev.vars:`,
      `    DATABASE_URL=${fronted ? redactPassword(db.databaseUrl) : db.databaseUrl}`,
      `    NEON_LOCAL_ENDPOINT=${db.endpointUrl}`,
      `  Stats: ${db.endpointUrl}/stats    Stop: Ctrl-C`,
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  console.error(`[db] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}
