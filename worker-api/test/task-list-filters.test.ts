// The list's filters and search, each alone and together: status, labels (all of those given),
// due (overdue, today, the next 7 days, none: in the time zone the client names), priority and
// full-text search over title and description. A label of someone else's in the filter is a 404,
// like one that does not exist.
import { describe, expect, it } from "vitest";
import { labels, taskLabels, tasks } from "../../drizzle/index.ts";
import { dueWindow } from "../src/lib/due-window.ts";
import type { TaskJson } from "../src/lib/task-json.ts";
import { call, createUser, dbFor, json, signToken, testEnv } from "./helpers.ts";

type Page = { tasks: TaskJson[]; next_cursor: string | null };
const api = testEnv();
const HOUR = 3_600_000;

async function person() {
  const userId = await createUser(api);
  const token = await signToken(userId);
  const titles = async (query: string) => {
    const response = await call(api, `/api/${userId}/tasks?sort=created&order=asc&${query}`, { token });
    expect(response.status, query).toBe(200);
    return (await json<Page>(response)).tasks.map((task) => task.title);
  };
  return { userId, token, titles };
}

describe("filtering the list", () => {
  it("by labels (every one given), priority and status, alone and together", async () => {
    const { userId, titles } = await person();
    const { db } = dbFor(api);
    const [work, home] = await db
      .insert(labels)
      .values([
        { userId, name: "Work" },
        { userId, name: "Home" },
      ])
      .returning();
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i));
    const rows = await db
      .insert(tasks)
      .values([
        { userId, title: "both", priority: 4, createdAt: at(1) },
        { userId, title: "work", priority: 3, createdAt: at(2), completed: true },
        { userId, title: "home", priority: 0, createdAt: at(3) },
        { userId, title: "neither", priority: 4, createdAt: at(4) },
      ])
      .returning();
    const [both, workOnly, homeOnly] = rows;
    await db.insert(taskLabels).values([
      { taskId: both?.id as string, labelId: work?.id as string },
      { taskId: both?.id as string, labelId: home?.id as string },
      { taskId: workOnly?.id as string, labelId: work?.id as string },
      { taskId: homeOnly?.id as string, labelId: home?.id as string },
    ]);

    expect(await titles(`label=${work?.id}`)).toEqual(["both", "work"]);
    expect(await titles(`label=${work?.id}&label=${home?.id}`)).toEqual(["both"]);
    expect(await titles(`label=${work?.id}&label=${work?.id}`)).toEqual(["both", "work"]);
    expect(await titles("priority=urgent")).toEqual(["both", "neither"]);
    expect(await titles("priority=urgent&priority=none")).toEqual(["both", "home", "neither"]);
    expect(await titles(`priority=urgent&label=${home?.id}`)).toEqual(["both"]);
    expect(await titles(`status=completed&label=${work?.id}`)).toEqual(["work"]);
    expect(await titles(`status=pending&priority=high`)).toEqual([]);
    // The answer lists each task's labels.
    const page = await json<Page>(await call(api, `/api/${userId}/tasks?q=both`, { token: await signToken(userId) }));
    expect(page.tasks[0]?.label_ids).toEqual([work?.id, home?.id].sort());
  });

  it("answers 404 label_not_found for a label of someone else, or none, and lists nothing", async () => {
    const { userId, titles } = await person();
    const other = await createUser(api);
    const [theirs] = await dbFor(api).db.insert(labels).values({ userId: other, name: "Theirs" }).returning();
    const [mine] = await dbFor(api).db.insert(labels).values({ userId, name: "Mine" }).returning();
    await titles("");
    const token = await signToken(userId);
    for (const ids of [[theirs?.id], [crypto.randomUUID()], [mine?.id, theirs?.id]]) {
      const response = await call(api, `/api/${userId}/tasks?${ids.map((id) => `label=${id}`).join("&")}`, { token });
      expect(response.status, ids.join()).toBe(404);
      expect(await json(response)).toEqual({ code: "label_not_found", message: "No such label." });
    }
  });

  it("by due date in the client's time zone: overdue, today, the next 7 days, none", async () => {
    const { userId, titles } = await person();
    const zone = "Pacific/Kiritimati"; // UTC+14: its today is rarely UTC's
    const window = dueWindow(zone);
    const date = (offsetDays: number) => new Date(window.todayDate.getTime() + offsetDays * 24 * HOUR);
    const instant = (from: Date, hours: number) => new Date(from.getTime() + hours * HOUR);
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i));
    await dbFor(api)
      .db.insert(tasks)
      .values([
        { userId, title: "timed, start of today", dueAt: window.todayStart, createdAt: at(1) },
        { userId, title: "timed, start of today, done", dueAt: window.todayStart, completed: true, createdAt: at(2) },
        { userId, title: "all day, yesterday", dueAt: date(-1), dueAllDay: true, createdAt: at(3) },
        { userId, title: "all day, today", dueAt: date(0), dueAllDay: true, createdAt: at(4) },
        { userId, title: "timed, end of today", dueAt: instant(window.tomorrowStart, -0.001), createdAt: at(5) },
        { userId, title: "timed, start of tomorrow", dueAt: window.tomorrowStart, createdAt: at(6) },
        { userId, title: "all day, in 6 days", dueAt: date(6), dueAllDay: true, createdAt: at(7) },
        { userId, title: "all day, in 7 days", dueAt: date(7), dueAllDay: true, createdAt: at(8) },
        { userId, title: "timed, last minute of the week", dueAt: instant(window.weekEnd, -1 / 60), createdAt: at(9) },
        { userId, title: "timed, first instant after the week", dueAt: window.weekEnd, createdAt: at(10) },
        { userId, title: "undated", createdAt: at(11) },
      ]);
    const tz = `tz=${encodeURIComponent(zone)}`;
    // Overdue: past and not done (today's start has passed, so its task is overdue and due today).
    expect(await titles(`due=overdue&${tz}`)).toEqual(["timed, start of today", "all day, yesterday"]);
    expect(await titles(`due=today&${tz}`)).toEqual([
      "timed, start of today",
      "timed, start of today, done",
      "all day, today",
      "timed, end of today",
    ]);
    expect(await titles(`due=week&${tz}`)).toEqual([
      "timed, start of today",
      "timed, start of today, done",
      "all day, today",
      "timed, end of today",
      "timed, start of tomorrow",
      "all day, in 6 days",
      "timed, last minute of the week",
    ]);
    expect(await titles("due=none")).toEqual(["undated"]);
  });

  it("answers 422 for an unknown time zone, due, priority, sort or a label that is not an id", async () => {
    const { userId, token } = await person();
    for (const query of [
      "due=today&tz=Mars%2FOlympus",
      "due=today&tz=",
      "due=tomorrow",
      "priority=critical",
      "sort=title",
      "label=not-an-id",
      `label=${Array.from({ length: 21 }, () => crypto.randomUUID()).join("&label=")}`,
      `q=${"x".repeat(201)}`,
    ]) {
      const response = await call(api, `/api/${userId}/tasks?${query}`, { token });
      expect(response.status, query).toBe(422);
      expect((await json(response)).code).toBe("validation_failed");
    }
  });
});

describe("searching the list", () => {
  it("finds words by prefix in title and description, all words required, any case and script", async () => {
    const { userId, titles } = await person();
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i));
    await dbFor(api)
      .db.insert(tasks)
      .values([
        { userId, title: "Buy milk", description: "semi-skimmed, 2 litres", createdAt: at(1) },
        { userId, title: "Call the plumber", description: "about the MILKY water", createdAt: at(2) },
        { userId, title: "Préparer le dîner", createdAt: at(3) },
        { userId, title: "買い物リスト", description: "牛乳", createdAt: at(4) },
        { userId, title: "unrelated", createdAt: at(5) },
      ]);
    expect(await titles("q=milk")).toEqual(["Buy milk", "Call the plumber"]);
    expect(await titles("q=MIL")).toEqual(["Buy milk", "Call the plumber"]);
    expect(await titles("q=milk%20water")).toEqual(["Call the plumber"]);
    expect(await titles("q=litres")).toEqual(["Buy milk"]);
    expect(await titles(`q=${encodeURIComponent("dîner")}`)).toEqual(["Préparer le dîner"]);
    expect(await titles(`q=${encodeURIComponent("牛乳")}`)).toEqual(["買い物リスト"]);
    expect(await titles("q=nothing")).toEqual([]);
    // Words only: the search syntax's operators are not the person's to use, and never an error.
    for (const q of ["!!!", "milk & !water", "'milk'", "milk:*", "(milk", "\\", "milk | plumber", "<->", "%", " "]) {
      const found = await titles(`q=${encodeURIComponent(q)}`);
      expect(
        found.every((title) => ["Buy milk", "Call the plumber"].includes(title)),
        q,
      ).toBe(true);
    }
  });

  it("keeps to the person's own tasks", async () => {
    const { titles } = await person();
    const other = await createUser(api);
    await dbFor(api).db.insert(tasks).values({ userId: other, title: "secret milk" });
    expect(await titles("q=secret")).toEqual([]);
  });
});
