// Embedded Postgres: PGlite (Postgres in WASM; in memory, or persisted in a folder) served
// over TCP on 127.0.0.1 by pglite-socket. All TCP connections share ONE Postgres session:
// a SET on one is seen by all, and an open transaction makes the others wait until it ends.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.ts";

export type EmbeddedPostgresOptions = {
  /** Folder for the data; undefined = in memory. */
  dataDir?: string;
  /** 0 = any free port. */
  port: number;
  log: (line: string) => void;
};

export type EmbeddedPostgres = {
  databaseUrl: string;
  port: number;
  /** Milliseconds PGlite took to start (initdb or recovery included). */
  startupMs: number;
  lock?: DataDirLock;
  stop(): Promise<void>;
};

/** pglite-socket refuses clients beyond this ("Too many connections"); its default is 1. */
const MAX_CONNECTIONS = 200;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const lock = options.dataDir ? acquireDataDirLock(options.dataDir) : undefined;
  let db: PGlite | undefined;
  try {
    const started = performance.now();
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
    const startupMs = Math.round(performance.now() - started);
    options.log(`PGlite ready in ${(startupMs / 1000).toFixed(1)} s (${options.dataDir ?? "in memory"})`);

    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port, maxConnections: MAX_CONNECTIONS });
    await server.start();
    const port = Number(server.getServerConn().split(":").pop());
    const pglite = db;
    return {
      // PGlite ignores user, password and database name; pg and the Neon driver want all three.
      databaseUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
      port,
      startupMs,
      lock,
      async stop() {
        try {
          await server.stop();
          // let handlers detached by stop() finish (they may roll back an open transaction)
          await new Promise((resolve) => setTimeout(resolve, 50));
          await pglite.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    await db?.close().catch(() => {});
    lock?.release();
    throw error;
  }
}
