// The local endpoint's POST /sql opens connections only to the database it fronts, whatever the
// Neon-Connection-String says: every way pg lets a string name another address (query parameters,
// a repeated parameter, encoded names, Unix socket folders) is refused before any connection.
// Two listeners stand in for Postgres: the fronted one and a decoy (TCP and Unix socket), each
// counting the connections it receives; no PGlite is needed to see where pg would connect.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalDatabase, startLocalDatabase } from "./index.ts";

type Listener = { server: Server; connections: number };

async function listen(where: { port: 0 } | { path: string }): Promise<Listener> {
  const listener: Listener = { server: createServer(), connections: 0 };
  listener.server.on("connection", (socket) => {
    listener.connections++;
    socket.destroy(); // not Postgres: the client's connection fails, which is all these tests need
  });
  await new Promise<void>((resolve) => listener.server.listen({ ...where, host: "127.0.0.1" }, resolve));
  return listener;
}

const portOf = (listener: Listener) => (listener.server.address() as { port: number }).port;

let endpoint: LocalDatabase;
let fronted: Listener;
let decoy: Listener;
let decoySocket: Listener;
let socketDir: string;
let frontedPort: number;
let decoyPort: number;

beforeAll(async () => {
  fronted = await listen({ port: 0 });
  decoy = await listen({ port: 0 });
  frontedPort = portOf(fronted);
  decoyPort = portOf(decoy);
  // pg reaches a Unix socket folder's `.s.PGSQL.<port>`: a decoy there under the fronted port's number.
  socketDir = mkdtempSync(join(tmpdir(), "ldb-decoy-"));
  decoySocket = await listen({ path: join(socketDir, `.s.PGSQL.${frontedPort}`) });
  endpoint = await startLocalDatabase({ databaseUrl: `postgres://postgres:postgres@127.0.0.1:${frontedPort}/postgres` });
});

afterAll(async () => {
  await endpoint?.stop();
  for (const listener of [fronted, decoy, decoySocket]) await new Promise((resolve) => listener?.server.close(resolve));
  rmSync(socketDir, { recursive: true, force: true });
});

async function postSql(connectionString: string): Promise<{ status: number; body: { message?: string; code?: string } }> {
  const response = await fetch(`${endpoint.endpointUrl}/sql`, {
    method: "POST",
    headers: { "Neon-Connection-String": connectionString, "Neon-Array-Mode": "true", "Content-Type": "application/json" },
    body: JSON.stringify({ query: "SELECT 1", params: [] }),
  });
  return { status: response.status, body: await response.json() };
}

const decoyConnections = () => decoy.connections + decoySocket.connections;

/** Query parameter names as pg reads them after percent-decoding. */
const spelled = (name: "host" | "port") =>
  fc.constantFrom(name, encodeURIComponent(name), name === "host" ? "h%6Fst" : "p%6Frt", name === "host" ? "%68ost" : "%70ort");
const harmless = fc.constantFrom(
  "application_name=x",
  "sslmode=disable",
  "options=-c%20search_path%3Dpublic",
  "connect_timeout=5",
);
/** Everything that names the decoy to pg: its TCP port, or the Unix socket folder holding a decoy. */
const decoyHost = fc.constantFrom("127.0.0.1", "localhost", "%31%32%37.0.0.1");

describe("POST /sql connects only to the database it fronts (read as pg reads the string)", () => {
  it("connects to the fronted database when the string names it, overrides included", async () => {
    const accepted = [
      `postgres://u:p@127.0.0.1:${frontedPort}/db`,
      `postgresql://u:p@127.0.0.1:${frontedPort}/db?sslmode=disable&application_name=x`,
      `postgres://u:p@db.example.com:5432/db?host=127.0.0.1&port=${frontedPort}`,
      // A repeated parameter: pg takes the last one.
      `postgres://u:p@127.0.0.1:${frontedPort}/db?port=${decoyPort}&port=${frontedPort}`,
      `postgres:///db?host=127.0.0.1&port=${frontedPort}`,
    ];
    for (const connectionString of accepted) {
      const before = fronted.connections;
      const { body } = await postSql(connectionString);
      expect(body.message, connectionString).not.toMatch(/fronts|not accepted/);
      expect(fronted.connections, connectionString).toBeGreaterThan(before);
    }
    expect(decoyConnections()).toBe(0);
  });

  it("refuses every string that makes pg connect elsewhere, with a 400 naming the address, before connecting", async () => {
    const authority = fc.constantFrom(`127.0.0.1:${frontedPort}`, `localhost:${frontedPort}`, "", "db.example.com");
    const override = fc.oneof(
      // ?port= (alone, or after a host): the decoy's TCP port.
      fc
        .tuple(fc.option(fc.tuple(spelled("host"), decoyHost)), spelled("port"))
        .map(([host, port]) => [...(host ? [`${host[0]}=${host[1]}`] : []), `${port}=${decoyPort}`]),
      // ?host=<folder>: the decoy's Unix socket, under the fronted port's number.
      fc
        .tuple(spelled("host"), fc.constantFrom(socketDir, encodeURIComponent(socketDir)))
        .map(([name, dir]) => [`${name}=${dir}`, `port=${frontedPort}`]),
    );
    const cases = fc.record({
      authority,
      before: fc.array(fc.oneof(harmless, fc.constant(`port=${frontedPort}`), fc.constant("host=127.0.0.1")), { maxLength: 3 }),
      override,
      after: fc.array(harmless, { maxLength: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ authority, before, override, after }) => {
        const query = [...before, ...override, ...after].join("&");
        const connectionString = authority ? `postgres://u:p@${authority}/db?${query}` : `postgres:///db?${query}`;
        const { status, body } = await postSql(connectionString);
        expect(status, connectionString).toBe(400);
        expect(body, connectionString).toMatchObject({
          code: "08004",
          message: expect.stringMatching(/is not the database this endpoint fronts$/),
        });
        expect(decoyConnections(), connectionString).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it.each([
    ["a Unix socket folder as the URL's host", () => `postgres://u:p@${encodeURIComponent(socketDir)}:${frontedPort}/db`],
    ["a socket: URL", () => `socket:${socketDir}?db=db`],
    ["a path instead of a URL", () => `${socketDir} db`],
    ["another scheme", () => `http://127.0.0.1:${frontedPort}/db`],
    ["a file read while parsing (sslrootcert)", () => `postgres://u:p@127.0.0.1:${frontedPort}/db?sslrootcert=/etc/hostname`],
    ["no URL at all", () => "not a connection string"],
  ])("refuses %s with a 400 JSON {code, message}", async (_name, connectionString) => {
    const { status, body } = await postSql(connectionString());
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "08004", message: expect.any(String) });
    expect(decoyConnections()).toBe(0);
  });
});
