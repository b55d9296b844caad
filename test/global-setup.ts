/**
 * Node-side services for the workerd tests, started once per run and handed to the tests with
 * `provide`: a throwaway database behind the local Neon-compatible endpoint (embedded PGlite, or a
 * fresh database on the Postgres that DATABASE_URL names, as in CI), a JWKS origin with test keys,
 * and the dev mailbox that the web worker's account mail goes to.
 */

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startDevOidcProvider } from "../scripts/dev-oidc/index.ts";
import { applyMigrations, startLocalDatabase } from "../scripts/local-db/index.ts";
import { startMailbox } from "../scripts/mailbox/index.ts";
import { startJwksServer } from "./jwks-server.ts";
import { registerTestKeys } from "./register-test-keys.ts";
import type { TestKeys } from "./test-keys.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    /** The API worker's own connection: as the `tasks_api` role where the database enforces roles. */
    apiDatabaseUrl: string;
    /** Whether `apiDatabaseUrl` is held to the role's privileges (a real Postgres, not PGlite). */
    rolesEnforced: boolean;
    neonEndpoint: string;
    /** An endpoint like `neonEndpoint` whose database is down: outages, as the workers meet them. */
    downDatabase: { databaseUrl: string; neonEndpoint: string };
    jwksServer: string;
    testKeys: TestKeys;
    /** The dev mailbox (scripts/mailbox): the web worker's MAIL_CAPTURE_URL, read by the tests. */
    mailbox: string;
    /** The dev OpenID provider (scripts/dev-oidc): its issuer, and the web app's client there. */
    oidc: { issuer: string; clientId: string; clientSecret: string; downIssuer: string; silentIssuer: string };
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

/**
 * The migrations create `tasks_api` without a login; here it gets one, as an operator does when
 * deploying. PGlite shares one session among its connections, so a role switched on one of them
 * would apply to the web worker's too: there the API connects as the owner, and the role tests
 * run only on a real Postgres (CI runs them on PostgreSQL 15).
 */
async function apiRoleUrl(ownerUrl: string): Promise<string> {
  const password = "tasks-api-test-password";
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query(`alter role tasks_api with login password '${password}'`);
  await admin.end();
  const url = new URL(ownerUrl);
  url.username = "tasks_api";
  url.password = password;
  return url.toString();
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  const throwaway = serverUrl ? await createThrowawayDatabase(serverUrl) : undefined;
  const database = await startLocalDatabase({ databaseUrl: throwaway?.url });
  await applyMigrations(database.databaseUrl);
  // A database that is down behind a working endpoint (nothing listens on port 1): Neon answering
  // that it cannot reach the database. Pointing a worker at a closed port instead makes workerd
  // print a stack trace for every refused connection, which reads as a failure in a green run.
  const down = await startLocalDatabase({ databaseUrl: "postgres://postgres:postgres@127.0.0.1:1/postgres" });
  const jwks = await startJwksServer();
  // The API's own tests sign with these keys; the web's use Better Auth's, which signs them in.
  if (project.name === "workers") await registerTestKeys(database.databaseUrl, jwks.keys);
  const mailbox = await startMailbox({ port: 0, log: () => {}, limit: 10_000 });
  // The web tests' app origin (web/test/workers-helpers.ts ORIGIN) is this client's.
  const oidcClient = { clientId: "edge-tasks-test", clientSecret: `test-${crypto.randomUUID()}`, name: "Edge Tasks (tests)" };
  const oidc = await startDevOidcProvider({
    port: 0,
    clients: [{ ...oidcClient, redirectUris: ["http://localhost:3000/api/auth/callback/oidc"] }],
  });
  // A provider that is down: every request answers 503 (a closed port would make workerd print
  // a stack trace per refused connection, which reads as a failure in a green run).
  const providerDown = createServer((_request, response) => response.writeHead(503).end("down"));
  await new Promise<void>((resolve) => providerDown.listen(0, "127.0.0.1", resolve));
  const downIssuer = `http://127.0.0.1:${(providerDown.address() as AddressInfo).port}`;
  // A provider that is up but never answers: it accepts each request and leaves it open.
  const providerSilent = createServer(() => {});
  await new Promise<void>((resolve) => providerSilent.listen(0, "127.0.0.1", resolve));
  const silentIssuer = `http://127.0.0.1:${(providerSilent.address() as AddressInfo).port}`;

  project.provide("databaseUrl", database.databaseUrl);
  project.provide("apiDatabaseUrl", throwaway ? await apiRoleUrl(database.databaseUrl) : database.databaseUrl);
  project.provide("rolesEnforced", Boolean(throwaway));
  project.provide("neonEndpoint", database.endpointUrl);
  project.provide("downDatabase", { databaseUrl: down.databaseUrl, neonEndpoint: down.endpointUrl });
  project.provide("jwksServer", jwks.url);
  project.provide("testKeys", jwks.keys);
  project.provide("mailbox", mailbox.url);
  project.provide("oidc", {
    issuer: oidc.issuer,
    clientId: oidcClient.clientId,
    clientSecret: oidcClient.clientSecret,
    downIssuer,
    silentIssuer,
  });

  return async () => {
    await jwks.close();
    await mailbox.stop();
    await oidc.stop();
    await new Promise((resolve) => providerDown.close(resolve));
    providerSilent.closeAllConnections();
    await new Promise((resolve) => providerSilent.close(resolve));
    await database.stop();
    await down.stop();
    await throwaway?.drop();
  };
}
