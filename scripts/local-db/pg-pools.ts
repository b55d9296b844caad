// Persistent pg connection pools behind POST /sql, one per connection string. The driver
// appends its own application_name to every connection string: it is stripped from the key,
// so that all requests for one database share one pool.
import { Socket } from "node:net";
import pg from "pg";
import type { StatsCounter } from "./connection-stats.ts";

/** The connection string without application_name, which is what pools are keyed by. */
export function poolKey(connectionString: string): string {
  const url = new URL(connectionString);
  url.searchParams.delete("application_name");
  return url.toString();
}

export type PoolRegistry = {
  get(connectionString: string): pg.Pool;
  end(): Promise<void>;
};

export function createPoolRegistry(options: {
  poolSize: number;
  stats: StatsCounter;
  log: (line: string) => void;
}): PoolRegistry {
  const pools = new Map<string, pg.Pool>();
  return {
    get(connectionString) {
      const key = poolKey(connectionString);
      let pool = pools.get(key);
      if (!pool) {
        pool = new pg.Pool({
          connectionString: key,
          max: options.poolSize,
          idleTimeoutMillis: 0, // persistent: never close idle connections
          connectionTimeoutMillis: 30_000,
          application_name: "local-neon-endpoint",
          // Count every TCP connection to Postgres (pg upgrades this socket itself for TLS).
          stream: () => options.stats.trackSocket(new Socket()),
        });
        // An idle client that loses its connection emits here; the pool replaces it on demand.
        pool.on("error", (error) => options.log(`sql pool: idle connection error: ${error.message}`));
        pools.set(key, pool);
      }
      return pool;
    },
    async end() {
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((pool) => pool.end().catch(() => {})));
    },
  };
}
