/**
 * `npm run bench:hygiene`: a simulated month against the local database, with the clean-up run as
 * scheduled. The traffic is written at the database in the shapes Better Auth and the app write
 * (web/lib/auth/rate-limit-storage.ts, Better Auth's session, verification and jwks rows), with
 * timestamps from a simulated clock that moves forward an hour at a time:
 * - sign-ins from 10,000 addresses (3 each): a rate-limit row per address and path, a 7-day session
 *   for most; some sign out (the app deletes the row), some stay active (expiry pushed a day on);
 * - password resets: a 1-hour link, half of them used (link deleted, every session of the user
 *   revoked); sign-ups with a 1-hour verification link, most of them used;
 * - a signing-key rotation every week (`npm run keys:rotate`: the previous key retires at once).
 * Each simulated hour the web worker's scheduled handler runs under `wrangler dev`, triggered
 * through wrangler's scheduled test route with that hour's time. The after-response prunes the
 * app also does on some paths are not simulated: the job alone must bound the tables.
 * Last line: one JSON object with, for every table, its rows `before` (what the month leaves with
 * no clean-up: every row written, less what the app itself deletes) and `after` (with the job run
 * hourly), the `live` rows at the last run (still in use: the bound), and the job's longest
 * statement and run.
 */
import pg from "pg";
import { startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { applyMigrations, startLocalDatabase } from "../scripts/local-db/index.ts";
import { RATE_LIMIT_KEEP_MS, SIGNING_KEY_GRACE_SECONDS } from "../web/lib/maintenance/retention.ts";
import { freePort } from "./free-port.ts";
import { throwawayDatabase } from "./throwaway-database.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAYS = Number(process.env.HYGIENE_DAYS ?? 30);
const ADDRESSES = Number(process.env.HYGIENE_ADDRESSES ?? 10_000);
const START = Date.parse("2026-11-01T00:00:00Z");
const CRON = "17 * * * *";
const CRON_MINUTE = 17 * 60_000;

/** Deterministic, so that two runs simulate the same month. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = prng(21);
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (low: number, high: number) => low + random() * (high - low);

type Event =
  | { t: number; kind: "sign-in"; address: string; userId: string | null; session: string }
  | { t: number; kind: "sign-out"; session: string }
  | { t: number; kind: "refresh"; session: string }
  | { t: number; kind: "reset-request"; address: string; userId: string; link: string }
  | { t: number; kind: "reset-use"; userId: string; link: string }
  | { t: number; kind: "sign-up"; address: string; userId: string; link: string }
  | { t: number; kind: "verify"; link: string }
  | { t: number; kind: "rotate"; key: string };

const iso = (t: number) => new Date(t).toISOString();
const id = () => crypto.randomUUID().replaceAll("-", "");

function simulateTraffic(existingUsers: string[]): Event[] {
  const events: Event[] = [];
  const end = START + DAYS * DAY;
  const users = [...existingUsers];
  for (let a = 0; a < ADDRESSES; a++) {
    const address = `2001:db8:${(a >> 16).toString(16)}::${(a & 0xffff).toString(16)}`;
    for (let n = 0; n < 3; n++) {
      const t = between(START, end);
      // One in five attempts fails (a wrong password): a rate-limit hit, no session.
      const session = id();
      const userId = random() < 0.8 ? pick(users) : null;
      events.push({ t, kind: "sign-in", address, userId, session });
      if (!userId) continue;
      const fate = random();
      if (fate < 0.35) events.push({ t: t + between(HOUR, 72 * HOUR), kind: "sign-out", session });
      else if (fate < 0.5) events.push({ t: t + DAY + between(0, HOUR), kind: "refresh", session });
    }
  }
  for (let n = 0; n < ADDRESSES * 0.3; n++) {
    const t = between(START, end);
    const userId = pick(users);
    const link = id();
    events.push({ t, kind: "reset-request", address: `198.51.100.${n % 256}`, userId, link });
    if (random() < 0.5) events.push({ t: t + between(5 * 60_000, 50 * 60_000), kind: "reset-use", userId, link });
  }
  for (let n = 0; n < ADDRESSES * 0.1; n++) {
    const t = between(START, end);
    const userId = `sim-user-new-${n}`;
    const link = id();
    users.push(userId);
    events.push({ t, kind: "sign-up", address: `203.0.113.${n % 256}`, userId, link });
    if (random() < 0.8) events.push({ t: t + between(60_000, 50 * 60_000), kind: "verify", link });
  }
  for (let day = 7; day < DAYS; day += 7) events.push({ t: START + day * DAY + 3 * HOUR, kind: "rotate", key: id() });
  // Sign-ups come before anything their user does.
  return events.sort((x, y) => x.t - y.t);
}

/** Writes one slice of the month, grouped into a few statements per kind. */
async function apply(client: pg.Client, events: Event[], track: Tracker): Promise<void> {
  const of = <K extends Event["kind"]>(kind: K) => events.filter((e): e is Extract<Event, { kind: K }> => e.kind === kind);
  const signUps = of("sign-up");
  if (signUps.length > 0) {
    await client.query(
      `insert into "user" (id, name, email, email_verified, created_at, updated_at)
       select u, 'Someone', u || '@example.com', false, t::timestamp, t::timestamp from unnest($1::text[], $2::text[]) as x(u, t)`,
      [signUps.map((e) => e.userId), signUps.map((e) => iso(e.t))],
    );
    await client.query(
      `insert into account (id, account_id, provider_id, user_id, password, updated_at)
       select 'acc-' || u, u, 'credential', u, 'scrypt-hash', now() from unnest($1::text[]) as u`,
      [signUps.map((e) => e.userId)],
    );
    await insertVerifications(
      client,
      signUps.map((e) => ({ id: e.link, t: e.t, value: e.userId })),
      track,
    );
  }
  const resets = of("reset-request");
  await insertVerifications(
    client,
    resets.map((e) => ({ id: e.link, t: e.t, value: e.userId })),
    track,
  );
  const signIns = of("sign-in");
  await rateLimitHits(
    client,
    [
      ...signIns.map((e) => ({ key: `${e.address}/sign-in/email`, t: e.t })),
      ...resets.map((e) => ({ key: `${e.address}/request-password-reset`, t: e.t })),
      ...signUps.map((e) => ({ key: `${e.address}/sign-up/email`, t: e.t })),
    ],
    track,
  );
  const sessions = signIns.filter((e) => e.userId !== null);
  if (sessions.length > 0) {
    await client.query(
      `insert into session (id, token, user_id, expires_at, created_at, updated_at, ip_address, user_agent)
       select s, 'tok-' || s, u, (t::timestamp + interval '7 days'), t::timestamp, t::timestamp, '2001:db8::1', 'Mozilla/5.0 (simulated)'
       from unnest($1::text[], $2::text[], $3::text[]) as x(s, u, t)`,
      [sessions.map((e) => e.session), sessions.map((e) => e.userId), sessions.map((e) => iso(e.t))],
    );
    for (const e of sessions) track.session.add(e.session);
    for (const e of sessions) track.sessionsOf.set(e.userId ?? "", [...(track.sessionsOf.get(e.userId ?? "") ?? []), e.session]);
  }
  const signOuts = of("sign-out");
  if (signOuts.length > 0) {
    await client.query("delete from session where id = any($1)", [signOuts.map((e) => e.session)]);
    for (const e of signOuts) track.session.delete(e.session);
  }
  const refreshes = of("refresh");
  if (refreshes.length > 0)
    await client.query(
      `update session set expires_at = x.t::timestamp + interval '7 days', updated_at = x.t::timestamp
       from unnest($1::text[], $2::text[]) as x(s, t) where session.id = x.s and session.expires_at > x.t::timestamp`,
      [refreshes.map((e) => e.session), refreshes.map((e) => iso(e.t))],
    );
  const used = [...of("reset-use"), ...of("verify")];
  if (used.length > 0) {
    await client.query("delete from verification where id = any($1)", [used.map((e) => e.link)]);
    for (const e of used) track.verification.delete(e.link);
  }
  const revoked = of("reset-use").map((e) => e.userId);
  if (revoked.length > 0) {
    // Better Auth's revokeSessionsOnPasswordReset: every session of the user goes.
    await client.query("delete from session where user_id = any($1)", [revoked]);
    for (const userId of revoked) for (const session of track.sessionsOf.get(userId) ?? []) track.session.delete(session);
  }
  for (const rotation of of("rotate")) {
    // As keys:rotate (web/lib/auth/keys/signing-keys.ts): a new key, and the live ones retire now.
    await client.query("update jwks set expires_at = $1::timestamp where expires_at is null or expires_at > $1::timestamp", [
      iso(rotation.t),
    ]);
    await insertKey(client, rotation.key, rotation.t);
    track.jwks.add(rotation.key);
  }
}

async function insertVerifications(client: pg.Client, rows: { id: string; t: number; value: string }[], track: Tracker) {
  if (rows.length === 0) return;
  await client.query(
    `insert into verification (id, identifier, value, expires_at, created_at, updated_at)
     select i, 'link-' || i, v, t::timestamp + interval '1 hour', t::timestamp, t::timestamp from unnest($1::text[], $2::text[], $3::text[]) as x(i, v, t)`,
    [rows.map((r) => r.id), rows.map((r) => r.value), rows.map((r) => iso(r.t))],
  );
  for (const row of rows) track.verification.add(row.id);
}

/** The app's one-statement rate-limit upsert, 60-second windows; one hit per key per statement. */
async function rateLimitHits(client: pg.Client, hits: { key: string; t: number }[], track: Tracker) {
  const latest = new Map<string, number>();
  for (const hit of hits) latest.set(hit.key, Math.max(latest.get(hit.key) ?? 0, hit.t));
  if (latest.size === 0) return;
  await client.query(
    `insert into rate_limit (id, key, count, last_request)
     select gen_random_uuid()::text, k, 1, t from unnest($1::text[], $2::bigint[]) as x(k, t)
     on conflict (key) do update set
       count = case when rate_limit.last_request <= excluded.last_request - 60000 then 1 else rate_limit.count + 1 end,
       last_request = case when rate_limit.last_request <= excluded.last_request - 60000 then excluded.last_request else rate_limit.last_request end`,
    [[...latest.keys()], [...latest.values()].map((t) => Math.round(t))],
  );
  for (const key of latest.keys()) track.rateLimit.add(key);
}

const insertKey = (client: pg.Client, key: string, t: number) =>
  client.query(
    "insert into jwks (id, public_key, private_key, created_at, expires_at, alg, crv) values ($1, 'public', 'private', $2::timestamp, $2::timestamp + interval '30 days', 'EdDSA', 'Ed25519')",
    [key, iso(t)],
  );

/** What the tables would hold with no clean-up at all: every row written, less what the app itself deletes. */
type Tracker = {
  session: Set<string>;
  sessionsOf: Map<string, string[]>;
  verification: Set<string>;
  rateLimit: Set<string>;
  jwks: Set<string>;
};

const TABLES = ["user", "account", "session", "verification", "rate_limit", "jwks", "tasks"] as const;

async function counts(client: pg.Client): Promise<Record<(typeof TABLES)[number], number>> {
  const result = {} as Record<(typeof TABLES)[number], number>;
  for (const table of TABLES)
    result[table] = (await client.query<{ n: number }>(`select count(*)::int as n from "${table}"`)).rows[0]?.n ?? 0;
  return result;
}

/** Rows still in use at `now`: what no clean-up may delete, and all a bounded table should hold. */
async function liveRows(client: pg.Client, now: number): Promise<Record<string, number>> {
  const one = async (query: string, params: unknown[]) => (await client.query<{ n: number }>(query, params)).rows[0]?.n ?? 0;
  return {
    session: await one("select count(*)::int as n from session where expires_at >= $1::timestamp", [iso(now)]),
    verification: await one("select count(*)::int as n from verification where expires_at >= $1::timestamp", [iso(now)]),
    rate_limit: await one("select count(*)::int as n from rate_limit where last_request >= $1", [now - RATE_LIMIT_KEEP_MS]),
    jwks: await one(
      "select count(*)::int as n from jwks where expires_at is null or expires_at >= $1::timestamp or id = (select id from jwks order by created_at desc limit 1)",
      [iso(now - SIGNING_KEY_GRACE_SECONDS * 1000)],
    ),
  };
}

async function main() {
  const started = performance.now();
  const throwaway = await throwawayDatabase(process.env.DATABASE_URL, "hygiene");
  const database = await startLocalDatabase({ databaseUrl: throwaway.url, log: () => {} });
  const client = new pg.Client({ connectionString: database.databaseUrl });
  const reports: { removed: Record<string, number>; longest: number; complete: boolean; duration: number }[] = [];
  const port = await freePort();
  let worker: Awaited<ReturnType<typeof startWranglerDev>> | undefined;
  try {
    await applyMigrations(database.databaseUrl);
    await client.connect();
    await client.query(
      `insert into "user" (id, name, email, updated_at) select 'sim-user-' || n, 'Someone', 'sim-user-' || n || '@example.com', now() from generate_series(1, $1::int) as n`,
      [ADDRESSES / 2],
    );
    const existingUsers = Array.from({ length: ADDRESSES / 2 }, (_, n) => `sim-user-${n + 1}`);
    const track: Tracker = {
      session: new Set(),
      sessionsOf: new Map(),
      verification: new Set(),
      rateLimit: new Set(),
      jwks: new Set(),
    };
    await insertKey(client, "sim-key-0", START - DAY);
    track.jwks.add("sim-key-0");

    worker = await startWranglerDev({
      port,
      args: ["-c", new URL("hygiene-worker.wrangler.toml", import.meta.url).pathname, "--log-level", "log"],
      vars: { DATABASE_URL: database.databaseUrl, NEON_LOCAL_ENDPOINT: database.endpointUrl },
      readyPath: "/",
      // The job's one log line per run is the report; wrangler's own chatter is dropped.
      outputFilter: () => (line) => {
        const json = line.slice(line.indexOf("{"));
        if (line.includes('"event":"clean_up"')) {
          const run = JSON.parse(json) as {
            removed: Record<string, number>;
            longest_statement_ms: number;
            complete: boolean;
            duration_ms: number;
          };
          reports.push({
            removed: run.removed,
            longest: run.longest_statement_ms,
            complete: run.complete,
            duration: run.duration_ms,
          });
        }
        return line.includes("clean_up_failed") || /error/i.test(line) ? [line] : [];
      },
    });

    const events = simulateTraffic(existingUsers);
    const hours = DAYS * 24;
    let next = 0;
    let lastRun = START;
    for (let hour = 0; hour < hours; hour++) {
      const runAt = START + hour * HOUR + CRON_MINUTE;
      const slice: Event[] = [];
      while (next < events.length && (events[next]?.t ?? Number.POSITIVE_INFINITY) < runAt) slice.push(events[next++] as Event);
      await apply(client, slice, track);
      const response = await fetch(`${worker.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(CRON)}&time=${runAt}`);
      const outcome = await response.text();
      if (!response.ok || outcome !== "ok")
        throw new Error(`the scheduled run at ${iso(runAt)} answered ${response.status} ${outcome}`);
      lastRun = runAt;
      if (hour % 24 === 23) process.stderr.write(`  day ${(hour + 1) / 24}: ${JSON.stringify(await counts(client))}\n`);
    }
    // The job's log lines arrive through wrangler's output a moment after each run.
    for (let wait = 0; wait < 50 && reports.length < hours; wait++) await new Promise((settle) => setTimeout(settle, 100));

    const after = await counts(client);
    const live = await liveRows(client, lastRun);
    const withoutCleanUp: Record<string, number> = {
      ...after,
      session: track.session.size,
      verification: track.verification.size,
      rate_limit: track.rateLimit.size,
      jwks: track.jwks.size,
    };
    const tables = Object.fromEntries(
      TABLES.map((table) => {
        const bound = live[table] ?? after[table];
        return [table, { before: withoutCleanUp[table], after: after[table], live: bound, bounded: after[table] <= bound }];
      }),
    );
    const removed: Record<string, number> = {};
    for (const report of reports)
      for (const [table, n] of Object.entries(report.removed)) removed[table] = (removed[table] ?? 0) + n;
    const result = {
      bench: "hygiene",
      simulated_days: DAYS,
      addresses: ADDRESSES,
      events: Object.fromEntries(
        ["sign-in", "sign-out", "refresh", "reset-request", "reset-use", "sign-up", "verify", "rotate"].map((k) => [
          k,
          events.filter((e) => e.kind === k).length,
        ]),
      ),
      job_runs: reports.length,
      incomplete_runs: reports.filter((r) => !r.complete).length,
      removed,
      longest_statement_ms: Math.max(...reports.map((r) => r.longest)),
      longest_run_ms: Math.max(...reports.map((r) => r.duration)),
      tables,
      all_bounded: Object.values(tables).every((t) => t.bounded) && reports.length === hours,
      seconds: Math.round((performance.now() - started) / 1000),
    };
    console.log(JSON.stringify(result));
    if (!result.all_bounded) process.exitCode = 1;
  } finally {
    await worker?.stop();
    await client.end().catch(() => {});
    await database.stop();
    await throwaway.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
