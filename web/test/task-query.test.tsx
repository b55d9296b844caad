// The tasks page's query in the URL (task-query.ts) and the due words (due.ts): any URL gives a
// valid query, never an error or a value the API would refuse; a query survives the URL round trip.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Due, describeDay, describeDue, dueFromInput, dueToInput } from "@/lib/tasks/due";
import { DEFAULT_QUERY, DUE_FILTERS, listOptions, parseTaskQuery, TASK_SORTS, taskQueryParams } from "@/lib/tasks/task-query";
import { parseTimeZone } from "@/lib/time/time-zone";
import { TASK_PRIORITIES, TASK_SEARCH_MAX } from "../../drizzle/limits.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe("parseTaskQuery", () => {
  it("turns any search params into a query of valid values only", () => {
    const names = fc.constantFrom("status", "label", "priority", "due", "q", "sort", "order", "tz", "cursor", "x");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(names, fc.oneof(fc.string(), fc.uuid(), fc.constantFrom(...TASK_PRIORITIES, ...DUE_FILTERS)))),
        (pairs) => {
          const query = parseTaskQuery(new URLSearchParams(pairs));
          expect(["all", "pending", "completed"]).toContain(query.status);
          expect(query.labels.every((id) => UUID.test(id))).toBe(true);
          expect(query.labels.length).toBeLessThanOrEqual(20);
          expect(query.priorities.every((p) => TASK_PRIORITIES.includes(p))).toBe(true);
          expect(query.due === null || DUE_FILTERS.includes(query.due)).toBe(true);
          expect(query.q.length).toBeLessThanOrEqual(TASK_SEARCH_MAX);
          expect(TASK_SORTS).toContain(query.sort);
          expect(["asc", "desc"]).toContain(query.order);
        },
      ),
    );
  });

  it("gives back the same query after a trip through the URL", () => {
    fc.assert(
      fc.property(
        fc.record({
          status: fc.constantFrom("all", "pending", "completed" as const),
          labels: fc.uniqueArray(fc.uuid(), { maxLength: 3 }),
          priorities: fc.subarray([...TASK_PRIORITIES]),
          due: fc.constantFrom(null, ...DUE_FILTERS),
          q: fc.string({ maxLength: 20 }).map((q) => q.trim()),
          sort: fc.constantFrom(...TASK_SORTS),
          order: fc.constantFrom("asc", "desc" as const),
        }),
        (query) => {
          const params = new URLSearchParams(taskQueryParams(query).toString());
          expect(parseTaskQuery(params)).toEqual(query);
        },
      ),
    );
  });

  it("leaves the defaults out of the URL and the API call", () => {
    expect(taskQueryParams(DEFAULT_QUERY).toString()).toBe("");
    expect(listOptions(DEFAULT_QUERY, "Europe/Paris", "20")).toEqual({ status: "all", limit: "20" });
    // The zone goes with a due filter only.
    expect(listOptions({ ...DEFAULT_QUERY, due: "today" }, "Europe/Paris", "20")).toEqual({
      status: "all",
      limit: "20",
      due: "today",
      tz: "Europe/Paris",
    });
  });
});

describe("due dates", () => {
  type DueCase = { due: Due; zone: string; completed: boolean; state: string; text: string };
  /** The description of each case's due date at `now`: its state and its text. */
  const describedAt =
    (now: Date) =>
    ({ due, zone, completed, state, text }: DueCase) =>
      expect(describeDue(due, completed, now, zone)).toMatchObject({ state, text });

  // The day a task was added, in the person's zone and the list's own spelling (not the runtime's locale).
  it.each([
    { instant: "2026-12-06T23:45:00.000Z", zone: "UTC", day: "6 Dec 2026" },
    { instant: "2026-12-06T23:45:00.000Z", zone: "Asia/Kolkata", day: "7 Dec 2026" },
    { instant: "2026-12-07T03:00:00.000Z", zone: "America/New_York", day: "6 Dec 2026" },
    { instant: "2026-12-31T23:30:00.000Z", zone: "Europe/Paris", day: "1 Jan 2027" },
  ])("a task added at $instant was added on $day in $zone", ({ instant, zone, day }) => {
    expect(describeDay(instant, zone)).toBe(day);
  });

  const now = new Date("2026-12-06T20:00:00Z"); // 7 December already in Auckland, 6 December in Paris
  it.each([
    { due: { date: "2026-12-06" }, zone: "Europe/Paris", completed: false, state: "today", text: "Today" },
    { due: { date: "2026-12-06" }, zone: "Pacific/Auckland", completed: false, state: "overdue", text: "Overdue · 6 Dec 2026" },
    { due: { date: "2026-12-06" }, zone: "Pacific/Auckland", completed: true, state: "later", text: "6 Dec 2026" },
    { due: { date: "2026-12-07" }, zone: "Europe/Paris", completed: false, state: "tomorrow", text: "Tomorrow" },
    {
      due: { at: "2026-12-06T19:00:00.000Z" },
      zone: "Europe/Paris",
      completed: false,
      state: "overdue",
      text: "Overdue · Today 20:00",
    },
    { due: { at: "2026-12-06T22:30:00.000Z" }, zone: "Europe/Paris", completed: false, state: "today", text: "Today 23:30" },
    {
      due: { at: "2026-12-06T23:30:00.000Z" },
      zone: "Europe/Paris",
      completed: false,
      state: "tomorrow",
      text: "Tomorrow 00:30",
    },
  ] as const)("$due in $zone (completed: $completed) is $state: “$text”", describedAt(now));

  // 2026-03-10 20:30 UTC: still the 10th in New York (16:30), already the 11th in Tokyo (05:30).
  const march = new Date("2026-03-10T20:30:00Z");
  it.each([
    { due: { date: "2026-03-10" }, zone: "America/New_York", completed: false, state: "today", text: "Today" },
    { due: { date: "2026-03-10" }, zone: "Asia/Tokyo", completed: false, state: "overdue", text: "Overdue · 10 Mar 2026" },
    { due: { date: "2026-03-10" }, zone: "Asia/Tokyo", completed: true, state: "later", text: "10 Mar 2026" },
    { due: { date: "2026-03-11" }, zone: "America/New_York", completed: false, state: "tomorrow", text: "Tomorrow" },
    { due: { date: "2026-03-11" }, zone: "Asia/Tokyo", completed: false, state: "today", text: "Today" },
    { due: { date: "2026-04-01" }, zone: "UTC", completed: false, state: "later", text: "1 Apr 2026" },
    { due: { at: "2026-03-10T23:00:00Z" }, zone: "America/New_York", completed: false, state: "today", text: "Today 19:00" },
    { due: { at: "2026-03-10T23:00:00Z" }, zone: "Asia/Tokyo", completed: false, state: "today", text: "Today 08:00" },
    {
      due: { at: "2026-03-10T20:00:00Z" },
      zone: "Asia/Tokyo",
      completed: false,
      state: "overdue",
      text: "Overdue · Today 05:00",
    },
    {
      due: { at: "2026-03-12T01:05:00Z" },
      zone: "America/New_York",
      completed: false,
      state: "tomorrow",
      text: "Tomorrow 21:05",
    },
  ] as const)("$due in $zone on 10 March (completed: $completed) is $state: “$text”", describedAt(march));

  it("gives the form the date and time of a stored instant in the zone", () => {
    expect(dueToInput({ at: "2026-03-10T23:00:00Z" }, "America/New_York")).toEqual({ date: "2026-03-10", time: "19:00" });
    expect(dueToInput({ at: "2026-03-10T23:00:00Z" }, "Asia/Tokyo")).toEqual({ date: "2026-03-11", time: "08:00" });
    expect(dueToInput({ date: "2026-03-10" }, "Asia/Tokyo")).toEqual({ date: "2026-03-10", time: "" });
  });

  it("reads a zone from the cookie as Intl spells it, and anything else as UTC", () => {
    expect(parseTimeZone("europe/paris")).toBe("Europe/Paris");
    for (const value of ["Mars/Olympus", "", undefined, "x".repeat(65)]) expect(parseTimeZone(value)).toBe("UTC");
  });

  it("sends a date alone as a date, a date and time as the instant in the browser's zone", () => {
    expect(dueFromInput({ date: "", time: "10:00" })).toBeNull();
    expect(dueFromInput({ date: "2026-12-31", time: "" })).toEqual({ date: "2026-12-31" });
    const timed = dueFromInput({ date: "2026-12-31", time: "18:00" });
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(timed && "at" in timed ? dueToInput(timed, zone) : null).toEqual({ date: "2026-12-31", time: "18:00" });
  });
});
