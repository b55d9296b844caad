// Persistent pg connection pools behind POST /sql, one per connection string, keyed by the string
// that connection-target.ts checked (without the driver's application_name, so that all requests
// for one database share one pool).
import { Socket } from "node:net";
import pg from "pg";
import type { StatsCounter } from "./connection-stats.ts";

export type PoolRegistry = {
  /** The pool for a connection string that `connectionTarget` returned and the caller checked. */
  get(checkedConnectionString: string): pg.Pool;
  end(): Promise<void>;
};

export function createPoolRegistry(options: {
  poolSize: number;
  stats: StatsCounter;
  log: (line: string) => void;
}): PoolRegistry {
  const pools = new Map<string, pg.Pool>();
  return {
    get(key) {
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
