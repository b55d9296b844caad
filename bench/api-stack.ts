/**
 * The API worker under `wrangler dev` on a throwaway local stack, for the benchmarks: the local
 * database (PGlite, or DATABASE_URL), the test JWKS origin (a stand-in for the web worker, which
 * counts its fetches), and helpers to create users and sign their tokens.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importJWK, SignJWT } from "jose";
import pg from "pg";
import { type RunningServer, startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { applyMigrations, type LocalDatabase, startLocalDatabase } from "../scripts/local-db/index.ts";
import { startJwksServer } from "../test/jwks-server.ts";

const ORIGIN = "http://localhost:3000";
const JWKS_SET = "bench";

export type ApiStack = {
  api: RunningServer;
  database: LocalDatabase;
  /** Connections opened to Postgres before the worker started. */
  connectionsBefore: number;
  createUsers(count: number): Promise<string[]>;
  tokenFor(userId: string): Promise<string>;
  jwksFetches(): Promise<number>;
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
};

export async function startApiStack(port: number): Promise<ApiStack> {
  const persistDir = mkdtempSync(join(tmpdir(), "bench-api-"));
  const database = await startLocalDatabase({ databaseUrl: process.env.DATABASE_URL });
  await applyMigrations(database.databaseUrl);
  const jwks = await startJwksServer();
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  const key = await importJWK(jwks.keys.primary, "EdDSA");
  const connectionsBefore = database.stats().connectionsOpened;

  const api = await startWranglerDev({
    port,
    quiet: true,
    args: ["--persist-to", persistDir, "--log-level", "error"],
    vars: {
      DATABASE_URL: database.databaseUrl,
      NEON_LOCAL_ENDPOINT: database.endpointUrl,
      JWKS_URL: `${jwks.url}/jwks/${JWKS_SET}`,
      DB_TRANSPORT: "http",
    },
  });

  return {
    api,
    database,
    connectionsBefore,
    async createUsers(count) {
      const ids = Array.from({ length: count }, () => crypto.randomUUID());
      for (const id of ids) {
        await client.query(`insert into "user" (id, name, email, updated_at) values ($1, 'Bench', $2, now())`, [
          id,
          `${id}@bench.test`,
        ]);
      }
      return ids;
    },
    tokenFor(userId) {
      return new SignJWT({ sub: userId, iss: ORIGIN, aud: ORIGIN, email: `${userId}@bench.test` })
        .setProtectedHeader({ alg: "EdDSA", kid: jwks.keys.primary.kid })
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(key);
    },
    async jwksFetches() {
      return ((await (await fetch(`${jwks.url}/state/${JWKS_SET}`)).json()) as { fetches: number }).fetches;
    },
    async query(sql, params) {
      return (await client.query(sql, params)).rows;
    },
    async stop() {
      await api.stop();
      await client.end();
      await jwks.close();
      await database.stop();
      rmSync(persistDir, { recursive: true, force: true });
    },
  };
}
