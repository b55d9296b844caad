// startLocalDatabase(): embedded Postgres (or a real one to front) + the local Neon endpoint.
import { createStats, type Stats, type TimedRequest } from "./connection-stats.ts";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres.ts";
import { startEndpoint } from "./endpoint-server.ts";
import { frontedDatabase, hostOfConnectionString } from "./loopback.ts";
import { createSessionGate } from "./session-gate.ts";
import type { SimulatedDistance } from "./simulated-distance.ts";

export type LocalDatabaseOptions = {
  /** A real Postgres to front instead of starting PGlite (e.g. the image's PostgreSQL 15 in CI). */
  databaseUrl?: string;
  /** Folder for PGlite's data; undefined = in-memory (throwaway, for tests). Ignored with databaseUrl. */
  dataDir?: string;
  /** TCP port pglite-socket listens on (127.0.0.1). 0 = any free port. */
  pgPort?: number;
  /** Port of the local Neon-compatible endpoint (127.0.0.1). 0 = any free port. */
  endpointPort?: number;
  /** Persistent connections per connection string behind POST /sql (default 4). */
  poolSize?: number;
  /** Simulated distance: each database answer is held this long, over HTTP and WebSocket alike. */
  rttMs?: number;
  log?: (line: string) => void;
};

export type LocalDatabase = {
  /** postgres://user:password@127.0.0.1:PORT/dbname, for pg and for neon()/Pool. */
  databaseUrl: string;
  /** http://127.0.0.1:PORT: POST /sql, WebSocket /v1?address=HOST:PORT, GET /stats, GET /health. */
  endpointUrl: string;
  /**
   * connectionsOpened/connectionsOpen: TCP connections from the endpoint to Postgres (pool
   * clients behind /sql and WebSocket proxy sockets), ever opened / open now.
   * httpQueries: queries received on /sql, failed ones included (each query of a batch counts).
   * httpRequests: requests to /sql, i.e. round trips (a batch is one).
   * wsSessions: WebSocket proxy sessions accepted so far.
   */
  stats(): Stats;
  /**
   * The newest requests to /sql (up to 1000), oldest first, with their arrival and answer times
   * on this process's `performance.now()` clock: benchmarks read which of them ran one after another.
   */
  recentHttpRequests(): TimedRequest[];
  /** Changes the simulated distance of the running endpoint (benchmarks measure near and far). */
  setRttMs(ms: number): void;
  stop(): Promise<void>;
};

export async function startLocalDatabase(options: LocalDatabaseOptions = {}): Promise<LocalDatabase> {
  const log = options.log ?? (() => {});
  const stats = createStats();
  const distance: SimulatedDistance = { rttMs: options.rttMs ?? 0 };

  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl: string;
  if (options.databaseUrl) {
    databaseUrl = options.databaseUrl;
    if (!hostOfConnectionString(databaseUrl)) throw new Error("databaseUrl is not a valid postgres:// URL");
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.pgPort ?? 0, log });
    databaseUrl = embedded.databaseUrl;
  }

  let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
  try {
    endpoint = await startEndpoint({
      port: options.endpointPort ?? 0,
      poolSize: options.poolSize ?? 4,
      isFrontedDatabase: frontedDatabase(databaseUrl),
      sessionGate: embedded ? createSessionGate() : undefined,
      distance,
      stats,
      log,
    });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  embedded?.lock?.update({ databaseUrl, endpointUrl: endpoint.url });
  log(`local Neon endpoint on ${endpoint.url} (POST /sql, WebSocket /v1?address=HOST:PORT)`);
  if (options.rttMs) log(`simulating a database ${options.rttMs} ms away: every answer is held that long`);

  let stopping: Promise<void> | undefined;
  return {
    databaseUrl,
    endpointUrl: endpoint.url,
    stats: () => stats.snapshot(),
    recentHttpRequests: () => stats.recentHttpRequests(),
    setRttMs(ms) {
      distance.rttMs = ms;
    },
    stop() {
      stopping ??= (async () => {
        try {
          await endpoint.stop();
        } finally {
          await embedded?.stop();
        }
      })();
      return stopping;
    },
  };
}
