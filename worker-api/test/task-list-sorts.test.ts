// The list's cursor is exact for every sort, in both orders: paging through with any page size
// yields every task once, in the order of (key, id), where a missing key (no due date, no position)
// is greater than every key. The tasks are written straight into the database so that keys tie
// (the same created_at to the millisecond, the same due instant, priority and position) and are null.
import { describe, expect, it } from "vitest";
import { tasks } from "../../drizzle/index.ts";
import type { TaskJson } from "../src/lib/task-json.ts";
import { call, createUser, dbFor, json, signToken, testEnv } from "./helpers.ts";

type Page = { tasks: TaskJson[]; next_cursor: string | null };
type Row = typeof tasks.$inferInsert & { id: string };

const api = testEnv();
const SORTS = ["created", "due", "priority", "position"] as const;
type Sort = (typeof SORTS)[number];

const CREATED = ["2026-03-01T10:00:00.000Z", "2026-03-01T10:00:00.001Z", "2026-03-02T08:00:00.000Z"];
const DUE = [null, "2026-04-01T09:00:00.000Z", "2026-04-02T00:00:00.000Z", null];
const POSITIONS = [null, "a0", "a1", "a0V", "Zz", null];

/** The value a sort orders by, null for none (greater than every value). */
const keyOf = (sort: Sort, row: Row): string | number | null => {
  if (sort === "created") return (row.createdAt as Date).toISOString();
  if (sort === "due") return row.dueAt ? (row.dueAt as Date).toISOString() : null;
  if (sort === "priority") return row.priority ?? 0;
  return row.position ?? null;
};

function compare(sort: Sort, a: Row, b: Row): number {
  const [x, y] = [keyOf(sort, a), keyOf(sort, b)];
  if (x !== y) {
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

describe("list cursors for every sort, with ties and nulls", () => {
  it("page through every sort and order, at every page size, exactly", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    const rows: Row[] = Array.from({ length: 23 }, (_, i) => ({
      id: crypto.randomUUID(),
      userId,
      title: `task ${i}`,
      createdAt: new Date(CREATED[i % CREATED.length] as string),
      updatedAt: new Date(CREATED[i % CREATED.length] as string),
      dueAt: DUE[i % DUE.length] ? new Date(DUE[i % DUE.length] as string) : null,
      priority: i % 3 === 0 ? 4 : i % 5,
      position: POSITIONS[i % POSITIONS.length] ?? null,
    }));
    await dbFor(api).db.insert(tasks).values(rows);

    for (const sort of SORTS) {
      for (const order of ["asc", "desc"] as const) {
        const expected = [...rows]
          .sort((a, b) => (order === "asc" ? compare(sort, a, b) : compare(sort, b, a)))
          .map((r) => r.title);
        for (const limit of [1, 2, 5, 23, 100]) {
          const seen: string[] = [];
          let cursor: string | null = null;
          for (let pages = 0; pages <= rows.length; pages++) {
            const query = new URLSearchParams({ sort, order, limit: String(limit), ...(cursor ? { cursor } : {}) });
            const response = await call(api, `/api/${userId}/tasks?${query}`, { token });
            expect(response.status, `${sort} ${order} ${limit}`).toBe(200);
            const page = await json<Page>(response);
            seen.push(...page.tasks.map((task) => task.title));
            cursor = page.next_cursor;
            if (!cursor) break;
          }
          expect(seen, `${sort} ${order} limit ${limit}`).toEqual(expected);
        }
      }
    }
  });

  it("orders by each sort's natural direction when no order is given", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    const base = { userId, createdAt: new Date(CREATED[0] as string) };
    await dbFor(api)
      .db.insert(tasks)
      .values([
        { ...base, title: "low, soon, second", priority: 1, dueAt: new Date(DUE[1] as string), position: "a1" },
        { ...base, title: "urgent, later, first", priority: 4, dueAt: new Date(DUE[2] as string), position: "a0" },
        { ...base, title: "none, undated, unplaced", priority: 0 },
      ]);
    const titles = async (sort: Sort) =>
      (await json<Page>(await call(api, `/api/${userId}/tasks?sort=${sort}`, { token }))).tasks.map((t) => t.title);
    expect(await titles("priority")).toEqual(["urgent, later, first", "low, soon, second", "none, undated, unplaced"]);
    expect(await titles("due")).toEqual(["low, soon, second", "urgent, later, first", "none, undated, unplaced"]);
    expect(await titles("position")).toEqual(["urgent, later, first", "low, soon, second", "none, undated, unplaced"]);
  });

  it("refuses a cursor of another sort (422), and still reads the first release's cursors", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    for (let i = 0; i < 3; i++) {
      await call(api, `/api/${userId}/tasks`, { token, method: "POST", body: JSON.stringify({ title: `t${i}` }) });
    }
    const first = await json<Page>(await call(api, `/api/${userId}/tasks?sort=priority&limit=1`, { token }));
    const wrong = await call(api, `/api/${userId}/tasks?sort=due&cursor=${first.next_cursor}`, { token });
    expect(wrong.status).toBe(422);
    expect(await json(wrong)).toMatchObject({
      code: "validation_failed",
      details: { cursor: [expect.stringContaining("sort=priority")] },
    });

    const page = await json<Page>(await call(api, `/api/${userId}/tasks?limit=1`, { token }));
    const last = page.tasks[0] as TaskJson;
    const old = btoa(JSON.stringify({ c: last.created_at, i: last.id })).replace(/=+$/, "");
    const rest = await json<Page>(await call(api, `/api/${userId}/tasks?cursor=${old}`, { token }));
    expect(rest.tasks.map((t) => t.title)).toEqual(["t1", "t0"]);
  });
});
