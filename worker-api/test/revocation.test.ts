// Revocation at the API itself: once a token's session has ended, every task route, reads and
// every kind of write, answers 401 `session_revoked` and changes nothing, in the one database
// round trip each route makes. (web/test/revocation.workers.test.ts ends sessions through Better
// Auth; here the session row is changed directly, as those endings leave it.)
import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { labels, session, taskLabels, tasks, user } from "../../drizzle/index.ts";
import { getConfig } from "../src/config.ts";
import { openDatabase } from "../src/db.ts";
import type { TaskJson } from "../src/lib/task-json.ts";
import { call, createUser, dbFor, json, sessionIdFor, signToken, testEnv } from "./helpers.ts";

/**
 * Every task and label route, as [method, path under /api/:userId, body]; `id` is an existing task
 * of the user and `labelId` an existing label (the list with every filter, search and sort too).
 */
const routes = (id: string, labelId: string): [string, string, unknown?][] => [
  ["GET", "/tasks"],
  ["GET", `/tasks?label=${labelId}&priority=high&due=week&tz=Europe%2FParis&q=before&sort=due&order=desc`],
  ["POST", "/tasks", { title: "written after the session ended", due: { date: "2026-01-01" }, priority: "high" }],
  ["GET", "/tasks/summary"],
  ["GET", `/tasks/${id}`],
  ["PUT", `/tasks/${id}`, { title: "written after the session ended", completed: true, priority: "urgent" }],
  ["PATCH", `/tasks/${id}/complete`],
  ["PATCH", `/tasks/${id}/position`, { position: "Zz" }],
  ["PUT", `/tasks/${id}/labels/${labelId}`],
  ["DELETE", `/tasks/${id}/labels/${labelId}`],
  ["POST", "/tasks/bulk", { action: "complete", ids: [id] }],
  ["POST", "/tasks/bulk", { action: "remove_label", ids: [id], label_id: labelId }],
  ["POST", "/tasks/bulk", { action: "delete", ids: [id] }],
  ["POST", "/tasks/restore", { ids: [id] }],
  ["DELETE", `/tasks/${id}`],
  ["GET", "/labels"],
  ["POST", "/labels", { name: "written after the session ended" }],
  ["PATCH", `/labels/${labelId}`, { name: "renamed after the session ended" }],
  ["DELETE", `/labels/${labelId}`],
];

const databaseRequests = async () =>
  ((await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number }).httpRequests;

const endings: [string, (api: Env, userId: string) => Promise<void>][] = [
  [
    "its session row is deleted (sign-out, revocation)",
    async (api, userId) => {
      await dbFor(api)
        .db.delete(session)
        .where(eq(session.id, sessionIdFor(userId)));
    },
  ],
  [
    "its session has expired",
    async (api, userId) => {
      const past = sql`(now() at time zone 'utc') - interval '1 second'`;
      await dbFor(api)
        .db.update(session)
        .set({ expiresAt: past })
        .where(eq(session.id, sessionIdFor(userId)));
    },
  ],
];

describe.each(["http", "ws"] as const)("revocation over Neon's %s transport", (transport) => {
  const api = testEnv({ DB_TRANSPORT: transport });
  const send = (userId: string, token: string, method: string, suffix: string, body?: unknown) =>
    call(api, `/api/${userId}${suffix}`, { token, method, body: body === undefined ? undefined : JSON.stringify(body) });

  for (const [name, end] of endings) {
    it(`${name}: 401 session_revoked on every route, reads and writes, and nothing changes`, async () => {
      const userId = await createUser(api);
      const token = await signToken(userId);
      const created = await send(userId, token, "POST", "/tasks", { title: "before" });
      expect(created.status).toBe(201);
      const task = await json<TaskJson>(created);
      const label = await json<{ id: string }>(await send(userId, token, "POST", "/labels", { name: "before" }));
      expect((await send(userId, token, "PUT", `/tasks/${task.id}/labels/${label.id}`)).status).toBe(200);

      await end(api, userId);

      for (const [method, suffix, body] of routes(task.id, label.id)) {
        const before = await databaseRequests();
        const response = await send(userId, token, method, suffix, body);
        expect(response.status, `${method} ${suffix}`).toBe(401);
        expect(await json(response), `${method} ${suffix}`).toMatchObject({ code: "session_revoked" });
        // The refusal is the route's own statement: one round trip (counted on HTTP only; the
        // WebSocket transport's round trips go through a session the endpoint does not count).
        if (transport === "http") expect((await databaseRequests()) - before, `${method} ${suffix}`).toBe(1);
      }
      const rows = await dbFor(api).db.select().from(tasks).where(eq(tasks.userId, userId));
      expect(rows.map(({ id, title, completed, priority, position }) => ({ id, title, completed, priority, position }))).toEqual([
        { id: task.id, title: "before", completed: false, priority: 0, position: task.position },
      ]);
      const labelRows = await dbFor(api).db.select().from(labels).where(eq(labels.userId, userId));
      expect(labelRows.map(({ id, name }) => ({ id, name }))).toEqual([{ id: label.id, name: "before" }]);
      expect(await dbFor(api).db.select().from(taskLabels).where(eq(taskLabels.taskId, task.id))).toEqual([
        { taskId: task.id, labelId: label.id },
      ]);
    });
  }
});

// A create racing the account's deletion: the statement still sees the session (the deletion has
// not committed), then its owner reference finds the user gone (23503). PGlite's connections share
// one session, so the race can only be staged on PostgreSQL (CI); session-ended.test.ts feeds the
// same error to the data layer everywhere.
describe.skipIf(!env.TEST_ROLES_ENFORCED)("a create racing the account's deletion (PostgreSQL)", () => {
  it("answers 401 session_revoked, not 500, and stores nothing", async () => {
    const api = testEnv();
    const userId = await createUser(api);
    const token = await signToken(userId);
    const owner = openDatabase(getConfig({ ...api, DATABASE_URL: env.TEST_OWNER_DATABASE_URL, DB_TRANSPORT: "ws" }));
    const waitingOnLock = async () => {
      const waiting = sql`select 1 from pg_stat_activity where wait_event_type = 'Lock'`;
      return ((await dbFor(api).db.execute(waiting)) as unknown as { rows: unknown[] }).rows.length > 0;
    };
    let create: Promise<Response> | undefined;
    try {
      await owner.db.transaction(async (deletion) => {
        await deletion.delete(user).where(eq(user.id, userId));
        create = call(api, `/api/${userId}/tasks`, { token, method: "POST", body: JSON.stringify({ title: "racing" }) });
        for (let i = 0; i < 100 && !(await waitingOnLock()); i++) await new Promise((done) => setTimeout(done, 50));
        expect(await waitingOnLock()).toBe(true);
      });
    } finally {
      await owner.release?.();
    }
    const response = await (create as Promise<Response>);
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ code: "session_revoked" });
    expect(await dbFor(api).db.select().from(tasks).where(eq(tasks.userId, userId))).toEqual([]);
  });
});
