// A task's due date, priority, completion time and manual position, through the routes: what is
// stored and answered, what is refused (as a class: tables and fast-check, never a 5xx, never a
// half-write), `completed_at` kept in step with `completed` by the same statement, and new tasks
// placed last in the manual order, as `fractional-indexing` would place them.
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { generateKeyBetween } from "fractional-indexing";
import { beforeAll, describe, expect, it } from "vitest";
import { tasks } from "../../drizzle/index.ts";
import { positionAfter } from "../src/data/position-after.ts";
import type { TaskJson } from "../src/lib/task-json.ts";
import { call, createUser, dbFor, json, signToken, testEnv } from "./helpers.ts";

const api = testEnv();
let userId: string;
let token: string;
const send = (path: string, method = "GET", body?: unknown) =>
  call(api, `/api/${userId}/tasks${path}`, { token, method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

beforeAll(async () => {
  userId = await createUser(api);
  token = await signToken(userId);
});

describe("due dates and priorities", () => {
  it("stores an instant (any offset, answered in UTC), an all-day date, or none; and a priority", async () => {
    const timed = await json<TaskJson>(
      await send("", "POST", { title: "call", due: { at: "2026-12-24T18:30:00+01:00" }, priority: "high" }),
    );
    expect(timed).toMatchObject({ due: { at: "2026-12-24T17:30:00.000Z" }, priority: "high", completed_at: null });
    const allDay = await json<TaskJson>(await send("", "POST", { title: "party", due: { date: "2026-12-31" } }));
    expect(allDay).toMatchObject({ due: { date: "2026-12-31" }, priority: "none" });
    const [row] = await dbFor(api).db.select().from(tasks).where(eq(tasks.id, allDay.id));
    expect([row?.dueAt?.toISOString(), row?.dueAllDay]).toEqual(["2026-12-31T00:00:00.000Z", true]);

    const moved = await json<TaskJson>(await send(`/${timed.id}`, "PUT", { due: { date: "2027-01-02" }, priority: "urgent" }));
    expect(moved).toMatchObject({ due: { date: "2027-01-02" }, priority: "urgent", title: "call" });
    const cleared = await json<TaskJson>(await send(`/${timed.id}`, "PUT", { due: null, priority: "none" }));
    expect(cleared).toMatchObject({ due: null, priority: "none" });
  });

  it("refuses bad due dates and priorities as a class: 422, never 5xx, nothing written", async () => {
    const task = await json<TaskJson>(await send("", "POST", { title: "unchanged", due: { date: "2026-06-01" } }));
    const table = [
      { date: "2026-02-30" },
      { date: "2026-13-01" },
      { date: "1969-12-31" },
      { date: "10000-01-01" },
      { date: "2026-1-1" },
      { date: "2026-06-01T00:00:00Z" },
      { at: "2026-06-01" },
      { at: "2026-06-01T10:00:00" },
      { at: "2026-06-01T25:00:00Z" },
      { at: "2026-02-30T10:00:00Z" },
      { at: "1969-12-31T23:59:59Z" },
      { at: "+275760-09-13T00:00:00Z" },
      { at: "2026-06-01T10:00:00+1" },
      { date: "2026-06-01", at: "2026-06-01T10:00:00Z" },
      {},
      "tomorrow",
      42,
      [],
    ];
    const scratch = await json<TaskJson>(await send("", "POST", { title: "scratch" }));
    const arbitrary = fc.oneof(
      fc.constantFrom(...table),
      fc.record({ date: fc.string({ maxLength: 30 }) }),
      fc.record({ at: fc.string({ maxLength: 40 }) }),
      fc.record({ at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) }),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async (due) => {
        for (const [path, method] of [
          ["", "POST"],
          [`/${scratch.id}`, "PUT"],
        ] as const) {
          const response = await send(path, method, { title: "changed", due });
          // Refused (422) or, for a well-formed date in range, stored: never a 5xx.
          expect([200, 201, 422], JSON.stringify(due)).toContain(response.status);
        }
      }),
      { numRuns: 80 },
    );
    for (const due of table) {
      const response = await send(`/${task.id}`, "PUT", { title: "changed", due });
      expect(response.status, JSON.stringify(due)).toBe(422);
      expect((await json(response)).code).toBe("validation_failed");
    }
    for (const priority of ["critical", "", "URGENT", 3, null]) {
      const response = await send(`/${task.id}`, "PUT", { priority });
      expect(response.status, String(priority)).toBe(422);
    }
    expect(await json(await send(`/${task.id}`))).toMatchObject({
      title: "unchanged",
      due: { date: "2026-06-01" },
      priority: "none",
    });
  });
});

describe("completed_at", () => {
  it("is set when a task is completed and cleared when reopened, by toggle and by update; completing again keeps it", async () => {
    const task = await json<TaskJson>(await send("", "POST", { title: "finish me" }));
    const done = await json<TaskJson>(await send(`/${task.id}/complete`, "PATCH"));
    expect(done.completed).toBe(true);
    expect(done.completed_at).toBe(done.updated_at);
    const again = await json<TaskJson>(await send(`/${task.id}`, "PUT", { completed: true, title: "finished" }));
    expect(again.completed_at).toBe(done.completed_at);
    const reopened = await json<TaskJson>(await send(`/${task.id}`, "PUT", { completed: false }));
    expect([reopened.completed, reopened.completed_at]).toEqual([false, null]);
    const viaUpdate = await json<TaskJson>(await send(`/${task.id}`, "PUT", { completed: true }));
    expect(viaUpdate.completed_at).toBe(viaUpdate.updated_at);
    const toggledBack = await json<TaskJson>(await send(`/${task.id}/complete`, "PATCH"));
    expect([toggledBack.completed, toggledBack.completed_at]).toEqual([false, null]);
  });
});

describe("manual position", () => {
  it("places each new task last, with the key fractional-indexing gives after the greatest", async () => {
    const person = await createUser(api);
    const personToken = await signToken(person);
    const create = async (headers: Record<string, string> = {}) =>
      json<TaskJson>(
        await call(api, `/api/${person}/tasks`, { token: personToken, method: "POST", body: '{"title":"t"}', headers }),
      );
    const keys: (string | null)[] = [];
    for (let i = 0; i < 3; i++) keys.push((await create()).position);
    // The idempotent path places the same way.
    keys.push((await create({ "Idempotency-Key": crypto.randomUUID() })).position);
    expect(keys).toEqual(["a0", "a1", "a2", "a3"]);
    // After a key moved far down the line, the next one still goes last.
    await dbFor(api).db.update(tasks).set({ position: "b0z" }).where(eq(tasks.userId, person));
    expect((await create()).position).toBe(generateKeyBetween("b0z", null));
  });

  it("computes in SQL what generateKeyBetween(key, null) computes, for every kind of key (property)", async () => {
    const { db } = dbFor(api);
    const sqlAfter = async (key: string | null) => {
      const result = (await db.execute(sql`select ${positionAfter(sql`${key}::text`)} as key`)) as unknown as {
        rows: { key: string | null }[];
      };
      return result.rows[0]?.key ?? null;
    };
    expect(await sqlAfter(null)).toBe("a0");
    const edges = ["a0", "az", "Zz", "Yzz", "b0z", "bzz", "a0V", "Azzzzzzzzzzzzzzzzzzzzzzzzzz", "yzzzzzzzzzzzzzzzzzzzzzzzzz"];
    for (const key of edges) expect(await sqlAfter(key), key).toBe(generateKeyBetween(key, null));
    // Keys as the browser makes them: moves between neighbours, and appends, from any start.
    const keys = fc.array(fc.tuple(fc.boolean(), fc.nat(20)), { minLength: 1, maxLength: 25 }).map((steps) => {
      const made: string[] = [generateKeyBetween(null, null)];
      for (const [between, index] of steps) {
        const sorted = [...made].sort();
        const a = sorted[index % sorted.length] as string;
        const b = sorted.find((key) => key > a) ?? null;
        // Between two neighbours, or before the first (which walks into the negative keys, Z…A).
        made.push(between ? generateKeyBetween(a, b) : generateKeyBetween(null, sorted[0] ?? null));
      }
      return made;
    });
    await fc.assert(
      fc.asyncProperty(keys, async (made) => {
        for (const key of made.slice(-3)) expect(await sqlAfter(key), key).toBe(generateKeyBetween(key, null));
      }),
      { numRuns: 40 },
    );
  });
});
