// The dashboard's counts (GET …/tasks/summary): all, pending and completed; the pending tasks that
// are overdue, due today and due in the next 7 days in the zone the client names (the list's own
// `due` conditions), and the pending tasks per priority. Another person's tasks never count; a zone
// Intl does not know is a 422. The session check and the one round trip are in revocation.test.ts
// and round-trips.test.ts, with the other routes.
import { describe, expect, it } from "vitest";
import { tasks } from "../../drizzle/index.ts";
import { dueWindow } from "../src/lib/due-window.ts";
import { call, createUser, dbFor, json, signToken, testEnv } from "./helpers.ts";

const api = testEnv();
const DAY = 86_400_000;

async function summaryOf(userId: string, token: string, query = "") {
  const response = await call(api, `/api/${userId}/tasks/summary${query}`, { token });
  return { status: response.status, body: await json<Record<string, unknown>>(response) };
}

describe("GET …/tasks/summary", () => {
  it("counts due windows in the client's zone and priorities among pending tasks only", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    const zone = "Pacific/Kiritimati"; // UTC+14: its today is rarely UTC's
    const window = dueWindow(zone);
    const date = (days: number) => new Date(window.todayDate.getTime() + days * DAY);
    await dbFor(api)
      .db.insert(tasks)
      .values([
        { userId, title: "all day, yesterday", dueAt: date(-1), dueAllDay: true, priority: 4 },
        { userId, title: "all day, yesterday, done", dueAt: date(-1), dueAllDay: true, completed: true, priority: 4 },
        { userId, title: "all day, today", dueAt: date(0), dueAllDay: true, priority: 3 },
        { userId, title: "all day, today, done", dueAt: date(0), dueAllDay: true, completed: true },
        { userId, title: "timed, start of tomorrow", dueAt: window.tomorrowStart, priority: 1 },
        { userId, title: "all day, in 6 days", dueAt: date(6), dueAllDay: true },
        { userId, title: "all day, in 7 days", dueAt: date(7), dueAllDay: true },
        { userId, title: "undated", priority: 2 },
        { userId, title: "undated, done", completed: true, priority: 2 },
      ]);
    // Someone else's tasks, due today and urgent, never count.
    const otherId = await createUser(api);
    await dbFor(api)
      .db.insert(tasks)
      .values([{ userId: otherId, title: "not mine", dueAt: date(0), dueAllDay: true, priority: 4 }]);

    const { status, body } = await summaryOf(userId, token, `?tz=${encodeURIComponent(zone)}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      total: 9,
      pending: 6,
      completed: 3,
      overdue: 1,
      due_today: 1,
      due_week: 3,
      by_priority: { none: 2, low: 1, medium: 1, high: 1, urgent: 1 },
    });
  });

  it("answers zeros for a person with no tasks, and UTC when no zone is named", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    expect((await summaryOf(userId, token)).body).toEqual({
      total: 0,
      pending: 0,
      completed: 0,
      overdue: 0,
      due_today: 0,
      due_week: 0,
      by_priority: { none: 0, low: 0, medium: 0, high: 0, urgent: 0 },
    });
  });

  it.each(["?tz=Mars%2FOlympus", "?tz=", `?tz=${"A".repeat(65)}`, "?tz=UTC&extra=1"])(
    "answers 422, never 5xx, for %s",
    async (query) => {
      const userId = await createUser(api);
      const token = await signToken(userId);
      const { status, body } = await summaryOf(userId, token, query);
      expect(status).toBe(422);
      expect(body).toMatchObject({ code: "validation_failed" });
    },
  );
});
