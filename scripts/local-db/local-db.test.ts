// Proof that the local database behaves like Neon for the driver, from Node:
//   node_modules/.bin/vitest run scripts/local-db --config scripts/local-db/vitest.config.ts
// With TEST_DATABASE_URL set, the same tests front that (real) Postgres instead of PGlite.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NeonDbError, neon, neonConfig, Pool } from "@neondatabase/serverless";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/neon-http";
import { boolean, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createFrontendFramer } from "./frontend-framer.ts";
import { applyMigrations, DEFAULT_MIGRATIONS_FOLDER, type LocalDatabase, startLocalDatabase } from "./index.ts";

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
const BACKEND = TEST_DATABASE_URL ? "real Postgres (TEST_DATABASE_URL)" : "PGlite";
const POOL_SIZE = 4;
const NEON_APP_NAME = "pkg:npm/%40neondatabase/serverless@1.2.0";

let db: LocalDatabase;

const report = (line: string) => console.log(`[local-db test, ${BACKEND}] ${line}`);

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return condition();
}

async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Connections the Postgres server itself sees (real Postgres only; PGlite has no pg_stat_activity). */
async function serverSideConnections(applicationName: string): Promise<number | undefined> {
  if (!TEST_DATABASE_URL) return undefined;
  return withPg(TEST_DATABASE_URL, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()",
      [applicationName],
    );
    return rows[0]?.n;
  });
}

beforeAll(async () => {
  const started = performance.now();
  db = await startLocalDatabase({ databaseUrl: TEST_DATABASE_URL, poolSize: POOL_SIZE, log: report });
  report(`startLocalDatabase took ${Math.round(performance.now() - started)} ms: ${db.databaseUrl} ${db.endpointUrl}`);

  const endpointHost = new URL(db.endpointUrl).host;
  neonConfig.fetchEndpoint = `${db.endpointUrl}/sql`;
  neonConfig.wsProxy = (host, port) => `${endpointHost}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  neonConfig.webSocketConstructor = WebSocket;

  // Direct pg connections: not counted by the endpoint's stats.
  await withPg(db.databaseUrl, (client) =>
    client.query(`
      DROP TABLE IF EXISTS ldb_test_items, ldb_test_notes;
      CREATE TABLE ldb_test_items (
        id serial PRIMARY KEY,
        email text NOT NULL UNIQUE,
        qty integer NOT NULL CHECK (qty >= 0),
        meta jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        active boolean NOT NULL DEFAULT true,
        uid uuid
      );
      CREATE TABLE ldb_test_notes (
        id serial PRIMARY KEY,
        title text NOT NULL,
        done boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );`),
  );
  // PGlite's start is CPU-bound (WASM, initdb): 5 to 10 s alone, and over a minute in `npm test`
  // on two busy cores, where every project starts its services at once.
}, 180_000);

afterAll(async () => {
  await db?.stop();
});

describe(`POST /sql under load (${BACKEND})`, () => {
  it("serves 10,000 queries at concurrency 20 over poolSize persistent connections", async () => {
    expect(db.stats()).toMatchObject({ connectionsOpened: 0, connectionsOpen: 0, httpQueries: 0 });
    const sql = neon(db.databaseUrl);
    const total = 10_000;
    let next = 0;
    let wrong = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < total) {
          const i = next++;
          // Two shapes (different parameter and column counts): a pipeline interleaved with
          // another connection's on PGlite's shared session would give wrong rows or errors.
          if (i % 2) {
            const rows = await sql.query("SELECT $1::int + 1 AS n", [i]);
            if (rows[0]?.n !== i + 1) wrong++;
          } else {
            const rows = await sql.query("SELECT $1::text || $2::text AS s, $3::int AS k", [String(i), "-", i]);
            if (rows[0]?.s !== `${i}-` || rows[0]?.k !== i) wrong++;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    report(`10,000 /sql queries (c=20) in ${seconds.toFixed(2)} s: ${Math.round(total / seconds)} queries/s`);
    expect(wrong).toBe(0);
    const stats = db.stats();
    expect(stats.httpQueries).toBe(total);
    expect(stats.httpRequests).toBe(total);
    expect(stats.connectionsOpened).toBe(POOL_SIZE);
    expect(stats.connectionsOpen).toBe(POOL_SIZE);
    const seen = await serverSideConnections("local-neon-endpoint");
    if (seen !== undefined) expect(seen).toBe(POOL_SIZE);
    // It checks answers and connections, not speed (reported above): about 10 s on an idle
    // machine, past a minute at load average 10 (it failed on the default 60 s there).
  }, 300_000);
});

describe(`neon() over POST /sql (${BACKEND})`, () => {
  const sql = () => neon(db.databaseUrl);

  it("runs a select with parameters", async () => {
    const rows = await sql()`SELECT ${41}::int + 1 AS answer, ${"hi"}::text AS greeting, ${null}::text AS nothing`;
    expect(rows).toEqual([{ answer: 42, greeting: "hi", nothing: null }]);
  });

  it("round-trips timestamptz, bool, int, json, uuid, null, bigint, arrays and bytea as the driver parses them", async () => {
    const when = new Date("2026-01-02T03:04:05.678Z");
    const uid = crypto.randomUUID();
    const meta = { tags: ["a", "b"], nested: { n: 1.5, ok: true }, quote: 'it\'s "quoted"' };
    const [row] = await sql()`
      INSERT INTO ldb_test_items (email, qty, meta, created_at, active, uid)
      VALUES (${"roundtrip@example.com"}, ${7}, ${meta}, ${when}, ${false}, ${uid})
      RETURNING *`;
    expect(row).toEqual({
      id: expect.any(Number),
      email: "roundtrip@example.com",
      qty: 7,
      meta,
      created_at: when,
      active: false,
      uid,
    });
    expect(row?.created_at).toBeInstanceOf(Date);

    const [values] = await sql()`
      SELECT ${null}::int AS n, 9007199254740993::bigint AS big, ${[1, 2, 3]}::int[] AS ints,
             ${Buffer.from([0, 1, 255])}::bytea AS bytes, 'x'::text AS t, 1.50::numeric AS num`;
    expect(values?.n).toBeNull();
    expect(values?.big).toBe("9007199254740993");
    expect(values?.ints).toEqual([1, 2, 3]);
    expect(Buffer.from(values?.bytes)).toEqual(Buffer.from([0, 1, 255]));
    expect(values?.num).toBe("1.50");
  });

  it("answers fields, command and rowCount like Neon (fullResults)", async () => {
    const full = neon(db.databaseUrl, { fullResults: true });
    const select = await full`SELECT id, email FROM ldb_test_items WHERE email = ${"roundtrip@example.com"}`;
    expect(select.command).toBe("SELECT");
    expect(select.rowCount).toBe(1);
    expect(select.fields.map((f) => [f.name, f.dataTypeID])).toEqual([
      ["id", 23],
      ["email", 25],
    ]);
    expect(select.fields[0]).toMatchObject({
      tableID: expect.any(Number),
      columnID: 1,
      dataTypeSize: 4,
      dataTypeModifier: -1,
      format: "text",
    });
    const update = await full`UPDATE ldb_test_items SET qty = qty + 1 WHERE email = ${"roundtrip@example.com"}`;
    expect(update).toMatchObject({ command: "UPDATE", rowCount: 1, rows: [] });
  });

  it("inserts with RETURNING", async () => {
    const rows =
      await sql()`INSERT INTO ldb_test_items (email, qty) VALUES (${"a@example.com"}, ${1}), (${"b@example.com"}, ${2}) RETURNING email, qty, active`;
    expect(rows).toEqual([
      { email: "a@example.com", qty: 1, active: true },
      { email: "b@example.com", qty: 2, active: true },
    ]);
  });

  it("runs a transaction batch, with isolation level and read-only, and rolls a failing batch back", async () => {
    const s = sql();
    const [inserted, counted] = await s.transaction([
      s`INSERT INTO ldb_test_items (email, qty) VALUES (${"tx1@example.com"}, ${1}) RETURNING email`,
      s`SELECT count(*)::int AS n FROM ldb_test_items WHERE email LIKE ${"tx%"}`,
    ]);
    expect(inserted).toEqual([{ email: "tx1@example.com" }]);
    expect(counted).toEqual([{ n: 1 }]);

    const settings = await s.transaction([s`SHOW transaction_isolation`, s`SHOW transaction_read_only`], {
      isolationLevel: "Serializable",
      readOnly: true,
    });
    expect(settings).toEqual([[{ transaction_isolation: "serializable" }], [{ transaction_read_only: "on" }]]);

    await expect(
      s.transaction([s`INSERT INTO ldb_test_items (email, qty) VALUES (${"ro@example.com"}, ${1})`], { readOnly: true }),
    ).rejects.toMatchObject({
      code: "25006",
    });

    await expect(
      s.transaction([
        s`INSERT INTO ldb_test_items (email, qty) VALUES (${"tx2@example.com"}, ${1})`,
        s`INSERT INTO ldb_test_items (email, qty) VALUES (${"tx3@example.com"}, ${-1})`,
      ]),
    ).rejects.toMatchObject({ code: "23514" });
    expect(await s`SELECT count(*)::int AS n FROM ldb_test_items WHERE email = ${"tx2@example.com"}`).toEqual([{ n: 0 }]);
  });

  it("turns Postgres errors into NeonDbError with their fields, keeping the pooled connections", async () => {
    const s = sql();
    const opened = db.stats().connectionsOpened;

    const unique = await s`INSERT INTO ldb_test_items (email, qty) VALUES (${"a@example.com"}, ${1})`.catch((e) => e);
    expect(unique).toBeInstanceOf(NeonDbError);
    expect(unique).toMatchObject({
      code: "23505",
      severity: "ERROR",
      constraint: "ldb_test_items_email_key",
      table: "ldb_test_items",
      schema: "public",
      detail: "Key (email)=(a@example.com) already exists.",
    });

    const check = await s`INSERT INTO ldb_test_items (email, qty) VALUES (${"neg@example.com"}, ${-5})`.catch((e) => e);
    expect(check).toBeInstanceOf(NeonDbError);
    expect(check).toMatchObject({ code: "23514", constraint: "ldb_test_items_qty_check", table: "ldb_test_items" });

    const notNull = await s`INSERT INTO ldb_test_items (email, qty) VALUES (${null}, ${1})`.catch((e) => e);
    expect(notNull).toMatchObject({ code: "23502", column: "email" });

    const syntax = await s.query("SELECT FROM WHERE").catch((e) => e);
    expect(syntax).toMatchObject({ code: "42601", position: expect.any(String) });

    const twoStatements = await s.query("SELECT 1; SELECT 2").catch((e) => e);
    expect(twoStatements).toBeInstanceOf(NeonDbError);
    expect(twoStatements).toMatchObject({ code: "42601", message: "cannot insert multiple commands into a prepared statement" });

    // Errors must not cost connections (pg's pool.query() would destroy the client on each).
    expect(db.stats().connectionsOpened).toBe(opened);
    expect(await s`SELECT 1 AS still_fine`).toEqual([{ still_fine: 1 }]);
  });

  it("refuses connection strings for any database but the one it fronts", async () => {
    const fronted = new URL(db.databaseUrl);
    const elsewhere = [
      "postgresql://user:password@db.example.com:5432/neondb",
      `postgresql://user:password@127.0.0.1:${Number(fronted.port) + 1}/postgres`,
      `postgresql://user:password@127.0.0.2:${new URL(db.endpointUrl).port}/postgres`,
    ];
    for (const connectionString of elsewhere) {
      await expect(neon(connectionString)`SELECT 1`, connectionString).rejects.toThrow();
    }
    expect(await neon(db.databaseUrl)`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });
});

describe(`drizzle-orm/neon-http over POST /sql (${BACKEND})`, () => {
  const notes = pgTable("ldb_test_notes", {
    id: serial("id").primaryKey(),
    title: text("title").notNull(),
    done: boolean("done").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  });

  it("inserts, selects, updates, batches and deletes", async () => {
    const orm = drizzle({ client: neon(db.databaseUrl) });
    const [created] = await orm.insert(notes).values({ title: "write tests" }).returning();
    if (!created) throw new Error("insert returned no row");
    expect(created).toMatchObject({ id: expect.any(Number), title: "write tests", done: false });
    expect(created.createdAt).toBeInstanceOf(Date);

    const updated = await orm.update(notes).set({ done: true }).where(eq(notes.id, created.id));
    expect(updated.rowCount).toBe(1);
    expect(await orm.select({ title: notes.title, done: notes.done }).from(notes).where(eq(notes.id, created.id))).toEqual([
      { title: "write tests", done: true },
    ]);

    const [, all] = await orm.batch([orm.insert(notes).values({ title: "second" }), orm.select().from(notes)]);
    expect(all.map((n) => n.title).sort()).toEqual(["second", "write tests"]);

    const failure = await orm
      .insert(notes)
      .values({ title: null as unknown as string })
      .catch((e) => e);
    expect(failure.cause).toBeInstanceOf(NeonDbError);
    expect(failure.cause.code).toBe("23502");

    const deleted = await orm.delete(notes).where(eq(notes.title, "second"));
    expect(deleted.rowCount).toBe(1);
  });
});

describe(`Pool over the WebSocket proxy (${BACKEND})`, () => {
  function newPool() {
    const pool = new Pool({ connectionString: db.databaseUrl });
    pool.on("error", () => {}); // the peer closing after Terminate may surface here
    return pool;
  }

  it("runs a query and a transaction, then pool.end() closes both sides", async () => {
    const before = db.stats();
    const pool = newPool();
    expect((await pool.query("SELECT $1::int * 2 AS v", [21])).rows).toEqual([{ v: 42 }]);

    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("INSERT INTO ldb_test_notes (title) VALUES ($1)", ["ws committed"]);
      await client.query("COMMIT");
      await client.query("BEGIN");
      await client.query("INSERT INTO ldb_test_notes (title) VALUES ($1)", ["ws rolled back"]);
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
    const { rows } = await pool.query("SELECT title FROM ldb_test_notes WHERE title LIKE 'ws %' ORDER BY title");
    expect(rows).toEqual([{ title: "ws committed" }]);
    await pool.end();

    expect(await waitFor(() => db.stats().connectionsOpen === before.connectionsOpen)).toBe(true);
    expect(db.stats().wsSessions).toBeGreaterThan(before.wsSessions);
  });

  it("after 200 pool create/query/end cycles, no connection is left open", async () => {
    const before = db.stats();
    const started = performance.now();
    for (let i = 0; i < 200; i++) {
      const pool = newPool();
      const { rows } = await pool.query("SELECT $1::int AS i", [i]);
      expect(rows[0].i).toBe(i);
      await pool.end();
    }
    report(`200 WebSocket Pool create/query/end cycles in ${Math.round(performance.now() - started)} ms`);
    expect(await waitFor(() => db.stats().connectionsOpen === before.connectionsOpen)).toBe(true);
    const after = db.stats();
    expect(after.connectionsOpen).toBe(POOL_SIZE); // only the /sql pool's persistent connections
    expect(after.wsSessions - before.wsSessions).toBe(200);
    expect(after.connectionsOpened - before.connectionsOpened).toBe(200);
    // On PGlite a leak would also show up as "Too many connections" (pglite-socket allows 200).
    const seen = await waitFor(async () => (await serverSideConnections(NEON_APP_NAME)) === 0 || !TEST_DATABASE_URL);
    expect(seen).toBe(true);
  });

  it("keeps concurrent WebSocket clients and HTTP queries apart on the shared session", async () => {
    const http = neon(db.databaseUrl);
    const pools = Array.from({ length: 4 }, newPool);
    let wrong = 0;
    await Promise.all([
      ...pools.map(async (pool, p) => {
        for (let i = 0; i < 50; i++) {
          const { rows } = await pool.query("SELECT $1::int AS p, $2::text AS s", [p, `ws${i}`]);
          if (rows[0].p !== p || rows[0].s !== `ws${i}`) wrong++;
        }
      }),
      (async () => {
        for (let i = 0; i < 100; i++) {
          const rows = await http.query("SELECT $1::int + 1000 AS n", [i]);
          if (rows[0]?.n !== i + 1000) wrong++;
        }
      })(),
    ]);
    await Promise.all(pools.map((pool) => pool.end()));
    expect(wrong).toBe(0);
    expect(await waitFor(() => db.stats().connectionsOpen === POOL_SIZE)).toBe(true);
  });

  it("gives PGlite's one session to one conversation at a time: transactions and unnamed portals never mix", async () => {
    // Found under load: Better Auth's transactions on WebSockets next to the API's HTTP queries
    // answered "portal \"\" does not exist", or a wrong row, when their messages interleaved.
    const http = neon(db.databaseUrl);
    const pools = Array.from({ length: 4 }, newPool);
    await http.query("CREATE TABLE IF NOT EXISTS gate_probe (owner int, n int)");
    const failures: string[] = [];
    await Promise.all([
      ...pools.map(async (pool, p) => {
        for (let i = 0; i < 25; i++) {
          const client = await pool.connect();
          try {
            await client.query("BEGIN");
            await client.query("INSERT INTO gate_probe VALUES ($1, $2)", [p, i]);
            const { rows } = await client.query("SELECT count(*)::int AS n, $2::text AS tag FROM gate_probe WHERE owner = $1", [
              p,
              `ws${p}-${i}`,
            ]);
            if (rows[0].n !== i + 1 || rows[0].tag !== `ws${p}-${i}`) failures.push(`ws ${p}/${i}: ${JSON.stringify(rows[0])}`);
            await client.query("COMMIT");
          } catch (error) {
            failures.push(`ws ${p}/${i}: ${(error as Error).message}`);
            await client.query("ROLLBACK").catch(() => undefined);
          } finally {
            client.release();
          }
        }
      }),
      ...[0, 1].map(async (h) => {
        for (let i = 0; i < 100; i++) {
          try {
            const rows = await http.query(
              "WITH x AS (SELECT $1::int AS n) SELECT n + 1000 AS n, repeat('y', 2000) AS pad FROM x",
              [i],
            );
            if (rows[0]?.n !== i + 1000) failures.push(`http ${h}/${i}: ${JSON.stringify(rows[0]?.n)}`);
          } catch (error) {
            failures.push(`http ${h}/${i}: ${(error as Error).message}`);
          }
        }
      }),
    ]);
    await Promise.all(pools.map((pool) => pool.end()));
    await http.query("DROP TABLE gate_probe");
    expect(failures).toEqual([]);
  });

  it("closes both sides on a raw Terminate, and the server side when the WebSocket just closes", async () => {
    const before = db.stats();
    const target = new URL(db.databaseUrl);
    const url = `${db.endpointUrl.replace("http", "ws")}/v1?address=${target.hostname}:${target.port}`;
    const startup = () => {
      const params = Buffer.from(`user\0${decodeURIComponent(target.username)}\0database\0${target.pathname.slice(1)}\0\0`);
      const header = Buffer.alloc(8);
      header.writeInt32BE(8 + params.length, 0);
      header.writeInt32BE(196608, 4);
      return Buffer.concat([header, params]);
    };
    const open = async () => {
      const socket = new WebSocket(url);
      const received: Buffer[] = [];
      socket.on("message", (data) => received.push(data as Buffer));
      await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
      socket.send(startup());
      return { socket, received };
    };
    const closed = (socket: WebSocket) =>
      new Promise<void>((resolve) =>
        socket.readyState === WebSocket.CLOSED ? resolve() : socket.once("close", () => resolve()),
      );

    // Terminate split over two frames: the proxy must frame messages, not match chunks.
    const a = await open();
    // the server's first answer (ReadyForQuery, or an authentication request): past the startup message
    expect(await waitFor(() => a.received.length > 0)).toBe(true);
    a.socket.send(Buffer.from([0x58, 0, 0]));
    a.socket.send(Buffer.from([0, 4]));
    await closed(a.socket);

    // The client goes away without Terminate.
    const b = await open();
    b.socket.close();
    await closed(b.socket);

    expect(await waitFor(() => db.stats().connectionsOpen === POOL_SIZE)).toBe(true);
    expect(db.stats().wsSessions - before.wsSessions).toBe(2);
  });
});

describe("frontend framer (Terminate detection)", () => {
  const message = (type: string, payload: Buffer) => {
    const header = Buffer.alloc(5);
    header.write(type, 0, "latin1");
    header.writeInt32BE(4 + payload.length, 1);
    return Buffer.concat([header, payload]);
  };
  const startup = (() => {
    const params = Buffer.from("user\0u\0database\0d\0\0");
    const header = Buffer.alloc(8);
    header.writeInt32BE(8 + params.length, 0);
    header.writeInt32BE(196608, 4);
    return Buffer.concat([header, params]);
  })();
  const terminateBytes = Buffer.from([0x58, 0, 0, 0, 4]);
  // A Bind whose binary parameter holds the Terminate bytes: only framing tells them apart.
  const bind = message(
    "B",
    Buffer.concat([Buffer.from("\0\0\0\x01\0\x01\0\x01\0\0\0\x05", "latin1"), terminateBytes, Buffer.from([0, 0])]),
  );
  const pipeline = [
    message("P", Buffer.from("\0select $1::bytea\0\0\0", "latin1")),
    bind,
    message("E", Buffer.from("\0\0\0\0\0", "latin1")),
    message("S", Buffer.alloc(0)),
  ];

  it("sees Terminate only at a message boundary, whatever the chunking", () => {
    const stream = Buffer.concat([startup, ...pipeline, terminateBytes, Buffer.from("trailing garbage")]);
    for (const chunkSize of [1, 2, 3, 5, 7, 64, stream.length]) {
      const framer = createFrontendFramer();
      const forwarded: Buffer[] = [];
      let terminatedAt = -1;
      for (let offset = 0; offset < stream.length && terminatedAt < 0; offset += chunkSize) {
        const out = framer.push(stream.subarray(offset, offset + chunkSize));
        forwarded.push(out.forward);
        if (out.terminated) terminatedAt = offset;
      }
      expect(terminatedAt).toBeGreaterThanOrEqual(0);
      expect(Buffer.concat(forwarded)).toEqual(Buffer.concat([startup, ...pipeline, terminateBytes]));
    }
  });

  it("forwards an extended-protocol pipeline in one write, at its Sync", () => {
    const framer = createFrontendFramer();
    framer.push(startup);
    const writes = pipeline.map((m) => framer.push(m).forward.length);
    expect(writes).toEqual([0, 0, 0, pipeline.reduce((n, m) => n + m.length, 0)]);
  });
});

describe("endpoint", () => {
  it("answers /health and /stats", async () => {
    expect((await fetch(`${db.endpointUrl}/health`)).status).toBe(200);
    const stats = await (await fetch(`${db.endpointUrl}/stats`)).json();
    expect(stats).toEqual(db.stats());
  });

  /** The status of a WebSocket upgrade to the proxy (101 when it opens). */
  async function upgradeStatus(address: string, options: WebSocket.ClientOptions = {}): Promise<number> {
    const socket = new WebSocket(`${db.endpointUrl.replace("http", "ws")}/v1?address=${address}`, options);
    const status = await new Promise<number>((resolve) => {
      socket.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
      socket.once("open", () => resolve(101));
      socket.once("error", () => resolve(0));
    });
    socket.terminate();
    return status;
  }

  /** The status of a plain HTTP request with the given headers (fetch cannot set Host). */
  function httpStatus(path: string, headers: Record<string, string>, method = "GET"): Promise<number> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(`${db.endpointUrl}${path}`, { method, headers }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      request.end(method === "POST" ? JSON.stringify({ query: "SELECT 1", params: [] }) : undefined);
    });
  }

  it("bridges WebSockets only to the database it fronts", async () => {
    const fronted = new URL(db.databaseUrl);
    expect(await upgradeStatus(`${fronted.hostname}:${fronted.port}`)).toBe(101);
    for (const address of [
      "db.example.com:5432",
      `127.0.0.1:${Number(fronted.port) + 1}`,
      `127.0.0.1:${new URL(db.endpointUrl).port}`,
      "127.0.0.1:22",
      "[::1]:6379",
    ]) {
      expect(await upgradeStatus(address), address).toBe(403);
    }
  });

  it("refuses anything a web page could send: an Origin header, or a Host that is not its own", async () => {
    const fronted = new URL(db.databaseUrl);
    const address = `${fronted.hostname}:${fronted.port}`;
    const sqlHeaders = { "Neon-Connection-String": db.databaseUrl, "Content-Type": "application/json" };
    for (const origin of ["https://evil.example", "http://localhost:3000", "null"]) {
      expect(await upgradeStatus(address, { origin }), origin).toBe(403);
      expect(await httpStatus("/sql", { ...sqlHeaders, Origin: origin }, "POST"), origin).toBe(403);
      expect(await httpStatus("/stats", { Origin: origin }), origin).toBe(403);
    }
    const port = new URL(db.endpointUrl).port;
    for (const host of [
      `evil.example:${port}`,
      "evil.example",
      `127.0.0.1:${Number(port) + 1}`,
      `rebind.127.0.0.1.nip.io:${port}`,
    ]) {
      expect(await upgradeStatus(address, { headers: { Host: host } }), host).toBe(403);
      expect(await httpStatus("/sql", { ...sqlHeaders, Host: host }, "POST"), host).toBe(403);
      expect(await httpStatus("/health", { Host: host }), host).toBe(403);
    }
    // What the workers and the tools send passes.
    expect(await httpStatus("/sql", sqlHeaders, "POST")).toBe(200);
    expect(await httpStatus("/health", { Host: `localhost:${port}` })).toBe(200);
  });
});

describe(`applyMigrations (${BACKEND})`, () => {
  it("applies drizzle-kit migrations once, then is a no-op", async () => {
    const folder = mkdtempSync(join(tmpdir(), "local-db-migrations-"));
    mkdirSync(join(folder, "meta"));
    writeFileSync(
      join(folder, "0000_first.sql"),
      'CREATE TABLE "ldb_mig_a" ("id" serial PRIMARY KEY NOT NULL, "name" text NOT NULL);\n--> statement-breakpoint\nCREATE INDEX "ldb_mig_a_name_idx" ON "ldb_mig_a" ("name");\n',
    );
    writeFileSync(join(folder, "0001_second.sql"), 'ALTER TABLE "ldb_mig_a" ADD COLUMN "n" integer DEFAULT 0 NOT NULL;\n');
    const entry = (idx: number, tag: string) => ({ idx, version: "7", when: 1_700_000_000_000 + idx, tag, breakpoints: true });
    writeFileSync(
      join(folder, "meta", "_journal.json"),
      JSON.stringify({ version: "7", dialect: "postgresql", entries: [entry(0, "0000_first"), entry(1, "0001_second")] }),
    );

    // A throwaway database: on real Postgres a new one (drizzle's journal table is per
    // database); PGlite's in-memory database is throwaway already.
    let url = db.databaseUrl;
    const scratchDb = `ldb_migrations_${process.pid}_${Date.now()}`;
    if (TEST_DATABASE_URL) {
      await withPg(TEST_DATABASE_URL, (client) => client.query(`CREATE DATABASE ${scratchDb}`));
      const u = new URL(TEST_DATABASE_URL);
      u.pathname = `/${scratchDb}`;
      url = u.toString();
    }
    try {
      const lines: string[] = [];
      await applyMigrations(url, { migrationsFolder: folder, log: (l) => lines.push(l) });
      await applyMigrations(url, { migrationsFolder: folder, log: (l) => lines.push(l) });
      expect(lines[0]).toMatch(/^applied 2 migration\(s\)/);
      expect(lines[1]).toBe("database is up to date (2 migration(s) applied)");
      await withPg(url, async (client) => {
        expect((await client.query("INSERT INTO ldb_mig_a (name) VALUES ('x') RETURNING n")).rows).toEqual([{ n: 0 }]);
        expect((await client.query("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations")).rows).toEqual([{ n: 2 }]);
      });

      // The repository's own migrations (drizzle/migrations), when present, apply on top.
      if (existsSync(join(DEFAULT_MIGRATIONS_FOLDER, "meta", "_journal.json"))) {
        await applyMigrations(url, { log: report });
        await applyMigrations(url, { log: report });
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
      if (TEST_DATABASE_URL)
        await withPg(TEST_DATABASE_URL, (client) => client.query(`DROP DATABASE IF EXISTS ${scratchDb} WITH (FORCE)`));
    }
  });
});

describe("simulated distance (LOCAL_DB_RTT_MS)", () => {
  const RTT = 150;
  let far: LocalDatabase;
  beforeAll(async () => {
    far = await startLocalDatabase({ rttMs: RTT, log: () => {} });
  }, 60_000);
  afterAll(async () => {
    await far?.stop();
  });

  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };

  it("holds every answer over HTTP once per request (a batch is one round trip)", async () => {
    neonConfig.fetchEndpoint = `${far.endpointUrl}/sql`;
    try {
      const sql = neon(far.databaseUrl);
      const single = await timed(() => sql`SELECT 1`);
      const batch = await timed(() => sql.transaction([sql`SELECT 1`, sql`SELECT 2`, sql`SELECT 3`]));
      expect(single).toBeGreaterThanOrEqual(RTT);
      expect(batch).toBeGreaterThanOrEqual(RTT);
      expect(batch).toBeLessThan(2 * RTT + 100);
    } finally {
      neonConfig.fetchEndpoint = `${db.endpointUrl}/sql`;
    }
  });

  it("changes distance on the running endpoint (a benchmark measures near and far on one server)", async () => {
    neonConfig.fetchEndpoint = `${far.endpointUrl}/sql`;
    try {
      const sql = neon(far.databaseUrl);
      far.setRttMs(0);
      const near = await timed(() => sql`SELECT 1`);
      far.setRttMs(2 * RTT);
      const farther = await timed(() => sql`SELECT 1`);
      expect(near).toBeLessThan(RTT);
      expect(farther).toBeGreaterThanOrEqual(2 * RTT);
    } finally {
      far.setRttMs(RTT);
      neonConfig.fetchEndpoint = `${db.endpointUrl}/sql`;
    }
  });

  it("holds every answer over the WebSocket proxy: each sequential query costs the distance", async () => {
    const endpointHost = new URL(far.endpointUrl).host;
    const previous = neonConfig.wsProxy;
    neonConfig.wsProxy = (host, port) => `${endpointHost}/v1?address=${host}:${port}`;
    const pool = new Pool({ connectionString: far.databaseUrl });
    pool.on("error", () => {});
    try {
      await pool.query("SELECT 1"); // connecting costs round trips of its own
      const three = await timed(async () => {
        for (let i = 0; i < 3; i++) await pool.query("SELECT $1::int", [i]);
      });
      expect(three).toBeGreaterThanOrEqual(3 * RTT);
    } finally {
      await pool.end();
      neonConfig.wsProxy = previous;
    }
  });
});
