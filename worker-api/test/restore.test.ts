// Undo of a delete: every delete (the single DELETE and the bulk one) keeps a copy of each task in
// deleted_tasks in the same statement, and POST /tasks/restore writes them back exactly as they
// were, in one statement and one round trip, all or nothing, within UNDO_WINDOW_SECONDS. Any id
// that is not restorable (someone else's, nobody's, past the window, restored already) is the same
// 404, and nothing is written.
import { env } from "cloudflare:workers";
import { eq, inArray, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deletedTasks, labels, session, taskLabels, tasks } from "../../drizzle/index.ts";
import { BULK_IDS_MAX, UNDO_WINDOW_SECONDS } from "../../drizzle/limits.ts";
import type { LiveMessage } from "../src/live/protocol.ts";
import { call, createUser, dbFor, json, signToken, testEnv } from "./helpers.ts";
import { openLive, settle } from "./live-helpers.ts";

const api = testEnv({ DB_TRANSPORT: "http" });
const db = () => dbFor(api).db;
const databaseRequests = async () =>
  ((await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number }).httpRequests;

/** A person with `count` tasks whose every field differs from its default, two labels on each. */
async function person(count: number) {
  const userId = await createUser(api);
  const token = await signToken(userId);
  const rows = await db()
    .insert(tasks)
    .values(
      Array.from({ length: count }, (_, i) => ({
        userId,
        title: `task ${i}`,
        description: `about ${i}\nsecond line`,
        completed: i % 2 === 0,
        completedAt: i % 2 === 0 ? new Date(Date.parse("2026-03-04T05:06:07.089Z") + i) : null,
        createdAt: new Date(Date.parse("2025-01-02T03:04:05.678Z") + i * 1000),
        updatedAt: new Date(Date.parse("2026-02-03T04:05:06.789Z") + i * 1000),
        dueAt: i % 3 === 0 ? new Date("2026-12-24T00:00:00.000Z") : new Date(Date.parse("2026-12-25T17:30:00.123Z") + i),
        dueAllDay: i % 3 === 0,
        priority: (i % 4) + 1,
        position: `a${i}`,
      })),
    )
    .returning();
  const mine = await db()
    .insert(labels)
    .values([
      { userId, name: "Home", color: "green" },
      { userId, name: "Work", color: "blue" },
    ])
    .returning();
  await db()
    .insert(taskLabels)
    .values(rows.flatMap((row) => mine.map((label) => ({ taskId: row.id, labelId: label.id }))));
  const post = (path: string, body: unknown) =>
    call(api, `/api/${userId}/tasks${path}`, { token, method: "POST", body: JSON.stringify(body) });
  return {
    userId,
    token,
    ids: rows.map((row) => row.id),
    labelIds: mine.map((label) => label.id),
    restore: (ids: string[]) => post("/restore", { ids }),
    bulkDelete: (ids: string[]) => post("/bulk", { action: "delete", ids }),
    deleteOne: (id: string) => call(api, `/api/${userId}/tasks/${id}`, { token, method: "DELETE" }),
  };
}

/** Every column of the tasks and their links, as the database holds them. */
const state = async (ids: string[]) => ({
  tasks: (await db().select().from(tasks).where(inArray(tasks.id, ids))).sort((a, b) => a.id.localeCompare(b.id)),
  links: (await db().select().from(taskLabels).where(inArray(taskLabels.taskId, ids)))
    .map((link) => `${link.taskId} ${link.labelId}`)
    .sort(),
});

const copies = async (ids: string[]) =>
  (await db().select({ id: deletedTasks.taskId }).from(deletedTasks).where(inArray(deletedTasks.taskId, ids))).length;

/** Moves the copies' deletion back in time. */
const deletedAgo = (ids: string[], seconds: number) =>
  db()
    .update(deletedTasks)
    .set({ deletedAt: sql`now() - make_interval(secs => ${seconds})` })
    .where(inArray(deletedTasks.taskId, ids));

describe("restore (undo of a delete)", () => {
  it("writes back exactly what the bulk delete removed, every column and label, each in one round trip", async () => {
    const me = await person(4);
    const before = await state(me.ids);
    const some = me.ids.slice(0, 3);

    let requests = await databaseRequests();
    expect((await me.bulkDelete(some)).status).toBe(200);
    expect((await databaseRequests()) - requests).toBe(1);
    expect((await state(some)).tasks).toEqual([]);
    expect(await copies(some)).toBe(3);

    requests = await databaseRequests();
    const response = await me.restore(some);
    expect((await databaseRequests()) - requests).toBe(1);
    expect(response.status).toBe(200);
    expect(await state(me.ids)).toEqual(before);
    expect(await copies(some)).toBe(0);

    // The answer is each task as the API shows it, labels included.
    const body = await json<{ tasks: Array<Record<string, unknown>> }>(response);
    const listed = await json<{ tasks: Array<Record<string, unknown>> }>(
      await call(api, `/api/${me.userId}/tasks?limit=100`, { token: me.token }),
    );
    const sortById = (list: Array<Record<string, unknown>>) => [...list].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(sortById(body.tasks)).toEqual(sortById(listed.tasks.filter((task) => some.includes(task.id as string))));
    expect(body.tasks.every((task) => (task.label_ids as string[]).length === 2)).toBe(true);
  });

  it("writes back what the single DELETE removed; the DELETE is still one round trip", async () => {
    const me = await person(1);
    const id = me.ids[0] as string;
    const before = await state([id]);
    const requests = await databaseRequests();
    expect((await me.deleteOne(id)).status).toBe(204);
    expect((await databaseRequests()) - requests).toBe(1);
    expect(await copies([id])).toBe(1);
    expect((await me.restore([id])).status).toBe(200);
    expect(await state([id])).toEqual(before);
  });

  it("a second restore of the same tasks is a 404 and writes nothing", async () => {
    const me = await person(2);
    await me.bulkDelete(me.ids);
    expect((await me.restore(me.ids)).status).toBe(200);
    const after = await state(me.ids);
    const again = await me.restore(me.ids);
    expect(again.status).toBe(404);
    expect(await json(again)).toEqual({ code: "task_not_found", message: "No such task." });
    expect(await state(me.ids)).toEqual(after);
  });

  it("two restores of the same task at once: one writes it back, the other is a 404 (never a 5xx)", async () => {
    const me = await person(1);
    await me.bulkDelete(me.ids);
    const statuses = (await Promise.all([me.restore(me.ids), me.restore(me.ids)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 404]);
    expect((await state(me.ids)).tasks).toHaveLength(1);
  });

  it("does not re-link a label deleted meanwhile, and restores the rest", async () => {
    const me = await person(1);
    const id = me.ids[0] as string;
    await me.deleteOne(id);
    await db()
      .delete(labels)
      .where(eq(labels.id, me.labelIds[0] as string));
    const response = await me.restore([id]);
    expect(response.status).toBe(200);
    expect((await json<{ tasks: Array<{ label_ids: string[] }> }>(response)).tasks[0]?.label_ids).toEqual([me.labelIds[1]]);
    expect((await state([id])).links).toEqual([`${id} ${me.labelIds[1]}`]);
  });

  it("re-links only the person's own labels, even if a copy names someone else's", async () => {
    const me = await person(1);
    const them = await person(1);
    const id = me.ids[0] as string;
    // Not possible through the API (a foreign label is a 404 there); written by hand to test the guard.
    await db()
      .insert(taskLabels)
      .values({ taskId: id, labelId: them.labelIds[0] as string });
    await me.deleteOne(id);
    const response = await me.restore([id]);
    expect(response.status).toBe(200);
    expect((await state([id])).links).toEqual(me.labelIds.map((labelId) => `${id} ${labelId}`).sort());
  });

  it("past the window: 404, nothing written (the copy stays for the clean-up)", async () => {
    const me = await person(2);
    await me.bulkDelete(me.ids);
    await deletedAgo([me.ids[0] as string], UNDO_WINDOW_SECONDS + 1);
    // One id past the window makes the whole request a 404: all or nothing.
    expect((await me.restore(me.ids)).status).toBe(404);
    expect((await state(me.ids)).tasks).toEqual([]);
    expect(await copies(me.ids)).toBe(2);
    // The other alone is still within it.
    expect((await me.restore([me.ids[1] as string])).status).toBe(200);
  });

  it("another person's deleted tasks, or ids never deleted, are the same 404, and nothing is written (property)", async () => {
    const me = await person(2);
    const them = await person(2);
    await me.bulkDelete(me.ids);
    await them.bulkDelete(them.ids);
    const alive = await person(1);
    const foreign = fc.oneof(fc.constantFrom(...them.ids, ...alive.ids), fc.uuid());
    await fc.assert(
      fc.asyncProperty(fc.subarray(me.ids), fc.array(foreign, { minLength: 1, maxLength: 3 }), async (mine, others) => {
        const response = await me.restore([...others, ...mine]);
        expect(response.status).toBe(404);
        expect(await json(response)).toEqual({ code: "task_not_found", message: "No such task." });
      }),
      { numRuns: 25 },
    );
    expect((await state([...me.ids, ...them.ids])).tasks).toEqual([]);
    expect(await copies([...me.ids, ...them.ids])).toBe(4);
  });

  it("is refused once the session has ended (401), in one round trip, and writes nothing", async () => {
    const me = await person(1);
    await me.bulkDelete(me.ids);
    await db().delete(session).where(eq(session.userId, me.userId));
    const requests = await databaseRequests();
    const response = await me.restore(me.ids);
    expect(response.status).toBe(401);
    expect((await json(response)).code).toBe("session_revoked");
    expect((await databaseRequests()) - requests).toBe(1);
    expect((await state(me.ids)).tasks).toEqual([]);
    expect(await copies(me.ids)).toBe(1);
  });

  it("refuses malformed requests as a class (4xx JSON, never 5xx)", async () => {
    const me = await person(1);
    const table: unknown[] = [
      {},
      { ids: [] },
      { ids: "all" },
      { ids: ["not-a-uuid"] },
      { ids: me.ids, extra: 1 },
      { ids: Array.from({ length: BULK_IDS_MAX + 1 }, () => crypto.randomUUID()) },
    ];
    for (const body of table) {
      const response = await me.restore(body as never);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(422);
    }
    const wrongType = await call(api, `/api/${me.userId}/tasks/restore`, { token: me.token, method: "POST", body: "ids" });
    expect(wrongType.status).toBeGreaterThanOrEqual(400);
    expect(wrongType.status).toBeLessThan(500);
    await fc.assert(
      fc.asyncProperty(fc.record({ ids: fc.anything() }, { requiredKeys: [] }), async (body) => {
        const response = await call(api, `/api/${me.userId}/tasks/restore`, {
          token: me.token,
          method: "POST",
          body: JSON.stringify(body),
        });
        expect(response.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
        expect(response.status, JSON.stringify(body)).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });

  it("publishes the restored tasks to the person's sockets as {op: restore, tasks}", async () => {
    const me = await person(1);
    const client = await openLive(api, me.userId, me.token);
    await me.deleteOne(me.ids[0] as string);
    const restored = await json<{ tasks: unknown[] }>(await me.restore(me.ids));
    await me.restore(me.ids); // a 404: publishes nothing
    await client.message(2);
    await settle();
    const changes = client.messages
      .filter((message): message is Extract<LiveMessage, { type: "change" }> => message.type === "change")
      .map(({ type: _, version: __, ...change }) => change);
    expect(changes).toEqual([
      { op: "delete", ids: me.ids },
      { op: "restore", tasks: restored.tasks },
    ]);
  });
});
