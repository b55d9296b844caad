/**
 * Node-side services for the workerd tests, started once per run and handed to the tests with
 * `provide`: a throwaway database behind the local Neon-compatible endpoint (embedded PGlite, or a
 * fresh database on the Postgres that DATABASE_URL names, as in CI) and a JWKS origin with test keys.
 */

import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations, startLocalDatabase } from "../scripts/local-db/index.ts";
import { startJwksServer } from "./jwks-server.ts";
import type { TestKeys } from "./test-keys.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    neonEndpoint: string;
    jwksServer: string;
    testKeys: TestKeys;
  }
}

/** On a real server, each run gets a database of its own, dropped afterwards. */
async function createThrowawayDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `edge_tasks_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  const throwaway = serverUrl ? await createThrowawayDatabase(serverUrl) : undefined;
  const database = await startLocalDatabase({ databaseUrl: throwaway?.url });
  await applyMigrations(database.databaseUrl);
  const jwks = await startJwksServer();

  project.provide("databaseUrl", database.databaseUrl);
  project.provide("neonEndpoint", database.endpointUrl);
  project.provide("jwksServer", jwks.url);
  project.provide("testKeys", jwks.keys);

  return async () => {
    await jwks.close();
    await database.stop();
    await throwaway?.drop();
  };
}
