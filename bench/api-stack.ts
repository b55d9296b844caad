/**
 * The API worker under `wrangler dev` on a throwaway local stack, for the benchmarks: the local
 * database (PGlite, or a database of its own on the DATABASE_URL server), the test JWKS origin (a stand-in for the web worker, which
 * counts its fetches), and helpers to create users with a session and sign their tokens.
 * `addAuthWorkers` starts real Better Auth next to it (bench/auth-stack.ts), and the stand-in then
 * also serves its keys, so that real tokens verify too.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importJWK, SignJWT } from "jose";
import pg from "pg";
import { type RunningServer, startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { applyMigrations, type LocalDatabase, startLocalDatabase } from "../scripts/local-db/index.ts";
import { startJwksServer } from "../test/jwks-server.ts";
import { registerTestKeys } from "../test/register-test-keys.ts";
import { type AuthWorker, startAuthWorker } from "./auth-stack.ts";
import { freePort } from "./free-port.ts";
import { throwawayDatabase } from "./throwaway-database.ts";

const ORIGIN = "http://localhost:3000";
const JWKS_SET = "bench";

export type ApiStack = {
  api: RunningServer;
  database: LocalDatabase;
  /** Real Better Auth workers, in the order `addAuthWorkers` started them. */
  auth: AuthWorker[];
  /** Starts one Better Auth worker per entry (its secrets), each on a free port (or from `firstPort` on). */
  addAuthWorkers(secrets: Record<string, string>[], firstPort?: number): Promise<void>;
  /** Connections opened to Postgres before the worker started. */
  connectionsBefore: number;
  createUsers(count: number): Promise<string[]>;
  tokenFor(userId: string): Promise<string>;
  jwksFetches(): Promise<number>;
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
};

/** The session `tokenFor` names (`sid`) for a user made by `createUsers`. */
const sessionOf = (userId: string) => `bench-session-${userId}`;

export async function startApiStack(port: number): Promise<ApiStack> {
  const persistDir = mkdtempSync(join(tmpdir(), "bench-api-"));
  const throwaway = await throwawayDatabase(process.env.DATABASE_URL, "api");
  const database = await startLocalDatabase({ databaseUrl: throwaway.url });
  await applyMigrations(database.databaseUrl);
  const jwks = await startJwksServer();
  // The API accepts a token only while its signing key is in the key store.
  // Retired: the real Better Auth that `addAuthWorkers` starts on this database must not sign with them.
  await registerTestKeys(database.databaseUrl, jwks.keys, { retired: true });
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  const key = await importJWK(jwks.keys.primary, "EdDSA");
  const auth: AuthWorker[] = [];
  const connectionsBefore = database.stats().connectionsOpened;

  const api = await startWranglerDev({
    port,
    quiet: !process.env.BENCH_VERBOSE,
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
    auth,
    async addAuthWorkers(secretsList, firstPort) {
      for (const secrets of secretsList) {
        const { databaseUrl, endpointUrl } = database;
        const workerPort = firstPort === undefined ? await freePort() : firstPort + auth.length;
        auth.push(await startAuthWorker({ port: workerPort, databaseUrl, endpointUrl, secrets }));
      }
      const upstream = auth[0]?.jwksUrl;
      await fetch(`${jwks.url}/state/${JWKS_SET}`, { method: "POST", body: JSON.stringify({ upstream }) });
    },
    connectionsBefore,
    async createUsers(count) {
      const ids = Array.from({ length: count }, () => crypto.randomUUID());
      for (const id of ids) {
        await client.query(`insert into "user" (id, name, email, updated_at) values ($1, 'Bench', $2, now())`, [
          id,
          `${id}@bench.test`,
        ]);
        await client.query(
          `insert into session (id, user_id, token, expires_at, updated_at) values ($1, $2, $3, now() + interval '1 day', now())`,
          [sessionOf(id), id, crypto.randomUUID()],
        );
      }
      return ids;
    },
    tokenFor(userId) {
      return new SignJWT({ sub: userId, sid: sessionOf(userId), iss: ORIGIN, aud: ORIGIN })
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
      for (const worker of auth) await worker.stop();
      await client.end();
      await jwks.close();
      await database.stop();
      await throwaway.drop();
      rmSync(persistDir, { recursive: true, force: true });
    },
  };
}
