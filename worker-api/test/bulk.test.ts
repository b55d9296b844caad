// The bulk route: one action on up to 500 of the person's tasks in one statement and one round
// trip, all or nothing. Any id that is not the person's task (someone else's, or none) is a 404 and
// nothing changes, whichever action; so is a label that is not theirs. Each committed action is
// published to the person's sockets as `{op, ids}`.
import { env } from "cloudflare:workers";
import { eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { labels, taskLabels, tasks } from "../../drizzle/index.ts";
import { BULK_IDS_MAX } from "../../drizzle/limits.ts";
import type { LiveMessage } from "../src/live/protocol.ts";
import { call, createUser, dbFor, json, signToken, testEnv } from "./helpers.ts";
import { openLive, settle } from "./live-helpers.ts";

const api = testEnv({ DB_TRANSPORT: "http" });
const databaseRequests = async () =>
  ((await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number }).httpRequests;

async function person(taskCount: number) {
  const userId = await createUser(api);
  const token = await signToken(userId);
  const rows = await dbFor(api)
    .db.insert(tasks)
    .values(Array.from({ length: taskCount }, (_, i) => ({ userId, title: `task ${i}` })))
    .returning();
  const [label] = await dbFor(api).db.insert(labels).values({ userId, name: "Bulk" }).returning();
  const bulk = (body: unknown) => call(api, `/api/${userId}/tasks/bulk`, { token, method: "POST", body: JSON.stringify(body) });
  return { userId, token, ids: rows.map((row) => row.id), labelId: label?.id as string, bulk };
}

const state = async (ids: string[]) => ({
  tasks: (await dbFor(api).db.select().from(tasks).where(inArray(tasks.id, ids))).sort((a, b) => a.id.localeCompare(b.id)),
  links: (await dbFor(api).db.select().from(taskLabels).where(inArray(taskLabels.taskId, ids))).sort((a, b) =>
    a.taskId.localeCompare(b.taskId),
  ),
});

describe("bulk actions", () => {
  it("complete, reopen, add and remove a label, delete: each in one round trip, answering what it did", async () => {
    const { ids, labelId, bulk } = await person(5);
    const some = ids.slice(0, 3);
    const send = async (body: Record<string, unknown>) => {
      const before = await databaseRequests();
      const response = await bulk(body);
      expect((await databaseRequests()) - before, String(body.action)).toBe(1);
      expect(response.status, String(body.action)).toBe(200);
      return json(response);
    };

    expect(await send({ action: "complete", ids: some })).toEqual({ action: "complete", ids: some });
    let now = await state(ids);
    expect(now.tasks.map((t) => [some.includes(t.id), t.completed, t.completedAt !== null])).toEqual(
      now.tasks.map((t) => [some.includes(t.id), some.includes(t.id), some.includes(t.id)]),
    );
    const completedAt = now.tasks.find((t) => t.id === some[0])?.completedAt;
    // Completing again keeps when each was done.
    await send({ action: "complete", ids: [...some, ids[3] as string] });
    now = await state(ids);
    expect(now.tasks.find((t) => t.id === some[0])?.completedAt).toEqual(completedAt);

    await send({ action: "reopen", ids });
    now = await state(ids);
    expect(now.tasks.every((t) => !t.completed && t.completedAt === null)).toBe(true);

    expect(await send({ action: "add_label", ids: some, label_id: labelId })).toEqual({
      action: "add_label",
      ids: some,
      label_id: labelId,
    });
    await send({ action: "add_label", ids: some, label_id: labelId });
    expect((await state(ids)).links.map((l) => l.taskId).sort()).toEqual([...some].sort());
    await send({ action: "remove_label", ids: [some[0] as string, ids[4] as string], label_id: labelId });
    expect((await state(ids)).links.map((l) => l.taskId).sort()).toEqual([some[1], some[2]].sort());

    await send({ action: "delete", ids: some });
    expect((await state(ids)).tasks.map((t) => t.id).sort()).toEqual([ids[3], ids[4]].sort());
  });

  it("acts on 500 tasks at once, and refuses 501 (422)", async () => {
    const { ids, bulk } = await person(BULK_IDS_MAX);
    expect((await bulk({ action: "complete", ids })).status).toBe(200);
    expect((await state(ids)).tasks.every((t) => t.completed)).toBe(true);
    const tooMany = await bulk({ action: "reopen", ids: [...ids, crypto.randomUUID()] });
    expect(tooMany.status).toBe(422);
    expect(await json(tooMany)).toMatchObject({ details: { ids: [`ids may name at most ${BULK_IDS_MAX} tasks`] } });
  });

  it("changes nothing and answers 404 when any id is someone else's or nobody's, for every action (property)", async () => {
    const me = await person(4);
    const them = await person(2);
    const before = await state([...me.ids, ...them.ids]);
    const foreign = fc.oneof(fc.constantFrom(...them.ids), fc.uuid());
    const cases = fc.record({
      action: fc.constantFrom("complete", "reopen", "delete", "add_label", "remove_label"),
      mine: fc.subarray(me.ids),
      foreign: fc.array(foreign, { minLength: 1, maxLength: 3 }),
      shuffle: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ action, mine, foreign, shuffle }) => {
        const ids = [...mine, ...foreign];
        ids.push(...ids.splice(0, shuffle % ids.length));
        const label = action.endsWith("_label") ? { label_id: me.labelId } : {};
        const response = await me.bulk({ action, ids, ...label });
        expect(response.status, `${action} ${ids}`).toBe(404);
        expect(await json(response)).toEqual({ code: "task_not_found", message: "No such task." });
      }),
      { numRuns: 40 },
    );
    // Their label on my tasks, or none: 404 label_not_found, nothing written.
    for (const labelId of [them.labelId, crypto.randomUUID()]) {
      for (const action of ["add_label", "remove_label"]) {
        const response = await me.bulk({ action, ids: me.ids, label_id: labelId });
        expect(response.status).toBe(404);
        expect((await json(response)).code).toBe("label_not_found");
      }
    }
    expect(await state([...me.ids, ...them.ids])).toEqual(before);
  });

  it("refuses malformed requests as a class (422 or 400, never 5xx)", async () => {
    const { ids, labelId, bulk } = await person(1);
    const table: unknown[] = [
      {},
      { action: "complete" },
      { action: "complete", ids: [] },
      { action: "archive", ids },
      { action: "complete", ids: ["not-a-uuid"] },
      { action: "complete", ids: "all" },
      { action: "add_label", ids },
      { action: "complete", ids, label_id: labelId },
      { action: "add_label", ids, label_id: "nope" },
      { action: "complete", ids, extra: 1 },
    ];
    for (const body of table) {
      const response = await bulk(body);
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.record({ action: fc.anything(), ids: fc.anything(), label_id: fc.anything() }, { requiredKeys: [] }),
        async (body) => {
          const response = await bulk(body);
          expect(response.status, JSON.stringify(body)).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    expect((await state(ids)).tasks.map((t) => [t.completed, t.title])).toEqual([[false, "task 0"]]);
  });

  it("treats the same id twice as once", async () => {
    const { ids, bulk } = await person(2);
    const response = await bulk({ action: "complete", ids: [ids[0], ids[0], (ids[0] as string).toUpperCase()] });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ action: "complete", ids: [ids[0]] });
  });

  it("is refused once the session has ended (401) and changes nothing, in one round trip", async () => {
    const { userId, ids, bulk } = await person(2);
    const { session } = await import("../../drizzle/index.ts");
    await dbFor(api).db.delete(session).where(eq(session.userId, userId));
    const before = await databaseRequests();
    const response = await bulk({ action: "delete", ids });
    expect(response.status).toBe(401);
    expect((await json(response)).code).toBe("session_revoked");
    expect((await databaseRequests()) - before).toBe(1);
    expect((await state(ids)).tasks).toHaveLength(2);
  });

  it("publishes each committed action to the person's sockets as {op, ids}, and nothing for a refusal", async () => {
    const { userId, token, ids, labelId, bulk } = await person(2);
    const client = await openLive(api, userId, token);
    await bulk({ action: "complete", ids });
    await bulk({ action: "add_label", ids, label_id: labelId });
    await bulk({ action: "delete", ids: [...ids, crypto.randomUUID()] });
    await bulk({ action: "delete", ids: [ids[0]] });
    await client.message(3);
    await settle();
    const changes = client.messages
      .filter((message): message is Extract<LiveMessage, { type: "change" }> => message.type === "change")
      .map(({ type: _, version: __, ...change }) => change);
    expect(changes).toEqual([
      { op: "complete", ids },
      { op: "add_label", ids, label_id: labelId },
      { op: "delete", ids: [ids[0]] },
    ]);
  });
});
