// The list and the dashboard's counts are built once per shape and isolate, then run with each
// request's values (src/data/prepared-statements.ts). Every request below repeats the shape of
// the one before it with other values (another label, priority, status, search, cursor, time zone
// or person): each must answer with its own values, never with those the statement was built for.
import { describe, expect, it } from "vitest";
import { labels, taskLabels, tasks } from "../../drizzle/index.ts";
import { dueWindow } from "../src/lib/due-window.ts";
import type { TaskJson } from "../src/lib/task-json.ts";
import { call, createUser, dbFor, json, signToken, testEnv } from "./helpers.ts";

type Page = { tasks: TaskJson[]; next_cursor: string | null };
const api = testEnv();
// Fourteen hours ahead of UTC and eleven behind: their dates always differ.
const AHEAD = "Pacific/Kiritimati";
const BEHIND = "Pacific/Pago_Pago";

async function personWithTasks(prefix: string) {
  const userId = await createUser(api);
  const token = await signToken(userId);
  const { db } = dbFor(api);
  const [red, blue] = await db
    .insert(labels)
    .values([
      { userId, name: "Red" },
      { userId, name: "Blue" },
    ])
    .returning();
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i));
  const [alpha, beta] = await db
    .insert(tasks)
    .values([
      { userId, title: `${prefix} alpha`, priority: 4, createdAt: at(1), dueAt: dueWindow(AHEAD).todayDate, dueAllDay: true },
      { userId, title: `${prefix} beta`, priority: 1, createdAt: at(2), completed: true },
    ])
    .returning();
  await db.insert(taskLabels).values([
    { taskId: alpha?.id as string, labelId: red?.id as string },
    { taskId: beta?.id as string, labelId: blue?.id as string },
  ]);
  const page = async (query: string) => {
    const response = await call(api, `/api/${userId}/tasks?sort=created&order=asc&${query}`, { token });
    expect(response.status, query).toBe(200);
    return json<Page>(response);
  };
  const titles = async (query: string) => (await page(query)).tasks.map((task) => task.title);
  return { userId, token, red: red?.id as string, blue: blue?.id as string, page, titles };
}

describe("a statement built for one request's shape", () => {
  it("answers each later request of that shape with its own values", async () => {
    const a = await personWithTasks("a");
    const b = await personWithTasks("b");
    expect(await a.titles("")).toEqual(["a alpha", "a beta"]);
    expect(await b.titles("")).toEqual(["b alpha", "b beta"]);
    expect(await a.titles(`label=${a.red}`)).toEqual(["a alpha"]);
    expect(await a.titles(`label=${a.blue}`)).toEqual(["a beta"]);
    expect(await b.titles(`label=${b.blue}`)).toEqual(["b beta"]);
    expect(await a.titles("priority=urgent")).toEqual(["a alpha"]);
    expect(await a.titles("priority=low")).toEqual(["a beta"]);
    expect(await a.titles("status=completed")).toEqual(["a beta"]);
    expect(await a.titles("status=pending")).toEqual(["a alpha"]);
    expect(await a.titles("q=alpha")).toEqual(["a alpha"]);
    expect(await a.titles("q=beta")).toEqual(["a beta"]);
    expect(await a.titles(`due=today&tz=${AHEAD}`)).toEqual(["a alpha"]);
    expect(await a.titles(`due=today&tz=${BEHIND}`)).toEqual([]);
    const first = await a.page("limit=1");
    expect(first.tasks.map((task) => task.title)).toEqual(["a alpha"]);
    expect(await a.titles(`limit=1&cursor=${first.next_cursor}`)).toEqual(["a beta"]);
    const second = await b.page("limit=1");
    expect(await b.titles(`limit=1&cursor=${second.next_cursor}`)).toEqual(["b beta"]);
  });

  it("counts each person's own tasks in the dashboard's summary, in the zone each names", async () => {
    const a = await personWithTasks("a");
    const b = await createUser(api);
    const summary = async (userId: string, zone: string) => {
      const response = await call(api, `/api/${userId}/tasks/summary?tz=${zone}`, { token: await signToken(userId) });
      expect(response.status).toBe(200);
      return json<{ total: number; due_today: number }>(response);
    };
    expect(await summary(a.userId, AHEAD)).toMatchObject({ total: 2, due_today: 1 });
    expect(await summary(a.userId, BEHIND)).toMatchObject({ total: 2, due_today: 0 });
    expect(await summary(b, AHEAD)).toMatchObject({ total: 0, due_today: 0 });
  });

  it("changes, moves, reads and deletes each task with its own values", async () => {
    const a = await personWithTasks("a");
    const b = await personWithTasks("b");
    const ids = async (person: Awaited<ReturnType<typeof personWithTasks>>) =>
      (await person.page("")).tasks.map((task) => task.id) as [string, string];
    const [a1, a2] = await ids(a);
    const [b1] = await ids(b);
    const send = (person: { userId: string; token: string }, path: string, method: string, body?: unknown) =>
      call(api, `/api/${person.userId}/tasks/${path}`, {
        token: person.token,
        method,
        ...(body === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }),
      });
    const task = async (person: { userId: string; token: string }, id: string) => json<TaskJson>(await send(person, id, "GET"));
    for (const [person, id, title, priority] of [
      [a, a1, "first", "low"],
      [a, a2, "second", "high"],
      [b, b1, "third", "urgent"],
    ] as const) {
      expect((await send(person, id, "PUT", { title, priority })).status).toBe(200);
      expect(await task(person, id)).toMatchObject({ id, title, priority });
    }
    // Completing and reopening: the same columns, each the other way.
    expect((await send(a, a1, "PUT", { completed: true })).status).toBe(200);
    expect((await send(a, a2, "PUT", { completed: false })).status).toBe(200);
    expect(await task(a, a1)).toMatchObject({ completed: true, completed_at: expect.any(String) });
    expect(await task(a, a2)).toMatchObject({ completed: false, completed_at: null });
    for (const [id, position] of [
      [a1, "a5"],
      [a2, "a3"],
    ] as const) {
      expect((await send(a, `${id}/position`, "PATCH", { position })).status).toBe(200);
    }
    expect(await task(a, a1)).toMatchObject({ position: "a5" });
    expect(await task(a, a2)).toMatchObject({ position: "a3" });
    expect((await send(a, a2, "DELETE")).status).toBe(204);
    expect((await send(b, b1, "DELETE")).status).toBe(204);
    expect((await a.page("")).tasks.map((t) => t.id)).toEqual([a1]);
    expect((await send(a, a1, "GET")).status).toBe(200);
  });
});
