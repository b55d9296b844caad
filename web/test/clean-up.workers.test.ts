// The scheduled clean-up (web/lib/maintenance) in workerd, through the Cron Trigger's handler with
// Miniflare's ScheduledController, against the test database. The test database is shared with
// the other test files, so every row here lives in the year 2000 and the runs' clock is set there:
// whatever the other files wrote (2026 onwards) is in the future to these runs and stays.
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { httpDatabase } from "../../drizzle/http-database.ts";
import { pointNeonAtLocalEndpoint } from "../../drizzle/neon-local.ts";
import { cleanUp } from "../lib/maintenance/clean-up.ts";
import { cleanUpRoute } from "../lib/maintenance/clean-up-route.ts";
import { CLEAN_UP_PATH } from "../lib/maintenance/internal-route.ts";
import {
  ACCOUNT_EVENT_KEEP_MS,
  DELETED_TASK_KEEP_MS,
  IDEMPOTENCY_KEY_KEEP_MS,
  RATE_LIMIT_KEEP_MS,
  SIGNING_KEY_GRACE_SECONDS,
} from "../lib/maintenance/retention.ts";
import { runScheduledCleanUp } from "../lib/maintenance/scheduled.ts";
import { sql } from "./workers-helpers.ts";

const NOW = Date.parse("2000-06-01T12:00:00Z");
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const CRON = "17 * * * *";
const iso = (ms: number) => new Date(ms).toISOString();
const run = () => runScheduledCleanUp(createScheduledController({ scheduledTime: NOW, cron: CRON }), env);
const db = () => httpDatabase(env.DATABASE_URL);

/** A user of this file's own, for the sessions to belong to. */
async function user(): Promise<string> {
  const id = `cleanup-user-${crypto.randomUUID()}`;
  await sql(`insert into "user" (id, name, email, updated_at) values ($1, 'Clean Up', $2, now())`, [id, `${id}@example.com`]);
  return id;
}

async function sessions(userId: string, expiresAt: number, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => `cleanup-session-${crypto.randomUUID()}`);
  for (const id of ids)
    await sql("insert into session (id, expires_at, token, updated_at, user_id) values ($1, $2, $3, now(), $4)", [
      id,
      iso(expiresAt),
      `token-${id}`,
      userId,
    ]);
  return ids;
}

const remaining = async (table: string, ids: string[]) =>
  (await sql(`select id from ${table} where id = any($1)`, [ids])).map((row) => row.id);

beforeAll(() => {
  pointNeonAtLocalEndpoint(env.NEON_LOCAL_ENDPOINT);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the scheduled clean-up", () => {
  it("deletes what has expired and keeps what has not, in every table, and says so in one log line", async () => {
    const userId = await user();
    const expiredSessions = await sessions(userId, NOW - MINUTE, 3);
    const liveSessions = await sessions(userId, NOW + DAY, 2);
    const verifications = { expired: `cleanup-v-${crypto.randomUUID()}`, live: `cleanup-v-${crypto.randomUUID()}` };
    for (const [id, expiresAt] of [
      [verifications.expired, NOW - 1],
      [verifications.live, NOW + 30 * MINUTE],
    ] as const)
      await sql("insert into verification (id, identifier, value, expires_at) values ($1, $1, 'x', $2)", [id, iso(expiresAt)]);
    const limits = { stale: `cleanup-rl-${crypto.randomUUID()}`, recent: `cleanup-rl-${crypto.randomUUID()}` };
    for (const [id, lastRequest] of [
      [limits.stale, NOW - RATE_LIMIT_KEEP_MS - 1],
      [limits.recent, NOW - RATE_LIMIT_KEEP_MS + MINUTE],
    ] as const)
      await sql("insert into rate_limit (id, key, count, last_request) values ($1, $1, 1, $2)", [id, lastRequest]);
    const grace = SIGNING_KEY_GRACE_SECONDS * 1000;
    const keys = { past: `cleanup-k-${crypto.randomUUID()}`, inGrace: `cleanup-k-${crypto.randomUUID()}` };
    for (const [id, expiresAt] of [
      [keys.past, NOW - grace - MINUTE],
      [keys.inGrace, NOW - grace + MINUTE],
    ] as const)
      await sql("insert into jwks (id, public_key, private_key, created_at, expires_at) values ($1, 'p', 'k', $2, $3)", [
        id,
        iso(expiresAt - 30 * DAY),
        iso(expiresAt),
      ]);
    const idempotency = { past: `cleanup-ik-${crypto.randomUUID()}`, inWindow: `cleanup-ik-${crypto.randomUUID()}` };
    for (const [key, createdAt] of [
      [idempotency.past, NOW - IDEMPOTENCY_KEY_KEEP_MS - MINUTE],
      [idempotency.inWindow, NOW - IDEMPOTENCY_KEY_KEEP_MS + MINUTE],
    ] as const)
      await sql(
        "insert into idempotency_keys (user_id, key, request_hash, response, created_at) values ($1, $2, 'h', '{}', $3)",
        [userId, key, iso(createdAt)],
      );
    const events = { past: crypto.randomUUID(), inWindow: crypto.randomUUID() };
    for (const [id, createdAt] of [
      [events.past, NOW - ACCOUNT_EVENT_KEEP_MS - MINUTE],
      [events.inWindow, NOW - ACCOUNT_EVENT_KEEP_MS + MINUTE],
    ] as const)
      await sql("insert into account_event (id, user_id, kind, created_at) values ($1, $2, 'sign_in', $3)", [
        id,
        userId,
        iso(createdAt),
      ]);
    const copies = { past: crypto.randomUUID(), inWindow: crypto.randomUUID() };
    for (const [id, deletedAt] of [
      [copies.past, NOW - DELETED_TASK_KEEP_MS - 1000],
      [copies.inWindow, NOW - DELETED_TASK_KEEP_MS + 1000],
    ] as const)
      await sql(
        "insert into deleted_tasks (task_id, user_id, task, label_ids, deleted_at) values ($1, $2, '{}'::jsonb, '{}', $3)",
        [id, userId, iso(deletedAt)],
      );
    const log = vi.spyOn(console, "log").mockImplementation(() => {});

    const report = await run();

    expect(await remaining("session", [...expiredSessions, ...liveSessions])).toEqual(expect.arrayContaining(liveSessions));
    expect(await remaining("session", expiredSessions)).toEqual([]);
    expect(await remaining("verification", Object.values(verifications))).toEqual([verifications.live]);
    expect(await remaining("rate_limit", Object.values(limits))).toEqual([limits.recent]);
    expect(await remaining("jwks", Object.values(keys))).toEqual([keys.inGrace]);
    const keptKeys = await sql("select key from idempotency_keys where user_id = $1", [userId]);
    expect(keptKeys.map((row) => row.key)).toEqual([idempotency.inWindow]);
    expect(await remaining("account_event", Object.values(events))).toEqual([events.inWindow]);
    const keptCopies = await sql("select task_id from deleted_tasks where task_id = any($1)", [Object.values(copies)]);
    expect(keptCopies.map((row) => row.task_id)).toEqual([copies.inWindow]);
    expect(report.removed).toEqual({
      session: 3,
      verification: 1,
      rate_limit: 1,
      jwks: 1,
      idempotency_keys: 1,
      account_event: 1,
      deleted_tasks: 1,
    });
    expect(report.complete).toBe(true);
    expect(log).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(log.mock.calls[0]?.[0]))).toMatchObject({
      event: "clean_up",
      cron: CRON,
      scheduled_time: iso(NOW),
      removed: { session: 3, verification: 1, rate_limit: 1, jwks: 1, idempotency_keys: 1, account_event: 1, deleted_tasks: 1 },
      complete: true,
    });

    // Idempotent: the same run again finds nothing more.
    expect((await run()).removed).toEqual({
      session: 0,
      verification: 0,
      rate_limit: 0,
      jwks: 0,
      idempotency_keys: 0,
      account_event: 0,
      deleted_tasks: 0,
    });
    await sql(`delete from "user" where id = $1`, [userId]);
    await sql("delete from verification where id = $1", [verifications.live]);
    await sql("delete from rate_limit where id = $1", [limits.recent]);
    await sql("delete from jwks where id = $1", [keys.inGrace]);
  });

  it("deletes in bounded batches, and leaves the rest to the next run", async () => {
    const ids = Array.from({ length: 25 }, () => `cleanup-rl-${crypto.randomUUID()}`);
    for (const [i, id] of ids.entries())
      await sql("insert into rate_limit (id, key, count, last_request) values ($1, $1, 1, $2)", [
        id,
        NOW - RATE_LIMIT_KEEP_MS - 1 - i,
      ]);

    const first = await cleanUp(db(), { now: NOW, batchSize: 10, maxBatches: 2 });
    expect(first.removed.rate_limit).toBe(20);
    expect(first.complete).toBe(false);
    // The oldest go first.
    expect(await remaining("rate_limit", ids)).toEqual(expect.arrayContaining(ids.slice(0, 5)));

    const second = await cleanUp(db(), { now: NOW, batchSize: 10, maxBatches: 2 });
    expect(second.removed.rate_limit).toBe(5);
    expect(second.complete).toBe(true);
    expect(await remaining("rate_limit", ids)).toEqual([]);
  });

  it("shares the work when two runs overlap: every expired row deleted once, nothing else, no error", async () => {
    const userId = await user();
    const expired = await sessions(userId, NOW - DAY, 40);
    const live = await sessions(userId, NOW + MINUTE, 5);

    const runs = await Promise.all([cleanUp(db(), { now: NOW, batchSize: 7 }), cleanUp(db(), { now: NOW, batchSize: 7 })]);

    expect(runs[0].removed.session + runs[1].removed.session).toBe(40);
    expect(await remaining("session", expired)).toEqual([]);
    expect((await remaining("session", live)).sort()).toEqual([...live].sort());
    await sql(`delete from "user" where id = $1`, [userId]);
  });

  it("keeps the newest signing key whatever its dates say", async () => {
    // Newest by created_at, yet past its grace period: Better Auth would sign with the newest key.
    const newest = `cleanup-k-${crypto.randomUUID()}`;
    await sql("insert into jwks (id, public_key, private_key, created_at, expires_at) values ($1, 'p', 'k', $2, $3)", [
      newest,
      "2100-01-01T00:00:00Z",
      iso(NOW - 10 * DAY),
    ]);
    try {
      await run();
      expect(await remaining("jwks", [newest])).toEqual([newest]);
    } finally {
      // Other files sign with the real newest key.
      await sql("delete from jwks where id = $1", [newest]);
    }
  });

  describe(`POST ${CLEAN_UP_PATH}, as web/worker.js's scheduled handler calls it`, () => {
    const post = (body: unknown) =>
      cleanUpRoute(
        new Request(`https://scheduled.invalid${CLEAN_UP_PATH}`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: typeof body === "string" ? body : JSON.stringify(body),
        }),
        env,
      );

    it("runs the clean-up and answers its report", async () => {
      const id = `cleanup-rl-${crypto.randomUUID()}`;
      await sql("insert into rate_limit (id, key, count, last_request) values ($1, $1, 1, $2)", [
        id,
        NOW - RATE_LIMIT_KEEP_MS - 1,
      ]);
      vi.spyOn(console, "log").mockImplementation(() => {});
      const response = await post({ scheduledTime: NOW, cron: CRON });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { removed: { rate_limit: number } }).removed.rate_limit).toBeGreaterThanOrEqual(1);
      expect(await remaining("rate_limit", [id])).toEqual([]);
    });

    it("never judges by a time later than now: a live session survives a schedule from the future", async () => {
      const userId = await user();
      const [live] = await sessions(userId, Date.now() + DAY, 1);
      vi.spyOn(console, "log").mockImplementation(() => {});
      const response = await post({ scheduledTime: Date.now() + 30 * DAY, cron: CRON });
      expect(response.status).toBe(200);
      expect(await remaining("session", [live ?? ""])).toEqual([live]);
      await sql(`delete from "user" where id = $1`, [userId]);
    });

    it.each([
      ["not JSON", "{"],
      ["no body fields", {}],
      ["a string time", { scheduledTime: "now", cron: CRON }],
      ["a fractional time", { scheduledTime: 1.5, cron: CRON }],
      ["a negative time", { scheduledTime: -1, cron: CRON }],
      ["a huge cron", { scheduledTime: NOW, cron: "*".repeat(101) }],
    ])("answers 400 with a JSON reason to %s", async (_name, body) => {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: "invalid_schedule" });
    });
  });
});
