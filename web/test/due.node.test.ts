// How the list describes a due date in the person's zone (web/lib/tasks/due.ts), and the form's
// inputs back from a stored instant: the same answers in two zones whose dates differ.
import { describe, expect, it } from "vitest";
import { describeDue, dueToInput } from "../lib/tasks/due.ts";
import { parseTimeZone } from "../lib/tasks/time-zone.ts";

// 2026-03-10 20:30 UTC: still the 10th in New York (16:30), already the 11th in Tokyo (05:30).
const NOW = new Date("2026-03-10T20:30:00Z");

describe("due dates in the person's zone", () => {
  it.each([
    { due: { date: "2026-03-10" }, zone: "America/New_York", completed: false, text: "Today", state: "today" },
    { due: { date: "2026-03-10" }, zone: "Asia/Tokyo", completed: false, text: "Overdue · 10 Mar 2026", state: "overdue" },
    { due: { date: "2026-03-10" }, zone: "Asia/Tokyo", completed: true, text: "10 Mar 2026", state: "later" },
    { due: { date: "2026-03-11" }, zone: "America/New_York", completed: false, text: "Tomorrow", state: "tomorrow" },
    { due: { date: "2026-03-11" }, zone: "Asia/Tokyo", completed: false, text: "Today", state: "today" },
    { due: { date: "2026-04-01" }, zone: "UTC", completed: false, text: "1 Apr 2026", state: "later" },
    { due: { at: "2026-03-10T23:00:00Z" }, zone: "America/New_York", completed: false, text: "Today 19:00", state: "today" },
    { due: { at: "2026-03-10T23:00:00Z" }, zone: "Asia/Tokyo", completed: false, text: "Today 08:00", state: "today" },
    {
      due: { at: "2026-03-10T20:00:00Z" },
      zone: "Asia/Tokyo",
      completed: false,
      text: "Overdue · Today 05:00",
      state: "overdue",
    },
    {
      due: { at: "2026-03-12T01:05:00Z" },
      zone: "America/New_York",
      completed: false,
      text: "Tomorrow 21:05",
      state: "tomorrow",
    },
  ] as const)("$due in $zone: $text", ({ due, zone, completed, text, state }) => {
    expect(describeDue(due, completed, NOW, zone)).toMatchObject({ text, state });
  });

  it("gives the form the date and time of a stored instant in the zone", () => {
    expect(dueToInput({ at: "2026-03-10T23:00:00Z" }, "America/New_York")).toEqual({ date: "2026-03-10", time: "19:00" });
    expect(dueToInput({ at: "2026-03-10T23:00:00Z" }, "Asia/Tokyo")).toEqual({ date: "2026-03-11", time: "08:00" });
    expect(dueToInput({ date: "2026-03-10" }, "Asia/Tokyo")).toEqual({ date: "2026-03-10", time: "" });
  });

  it("reads a zone from the cookie as Intl spells it, and anything else as UTC", () => {
    expect(parseTimeZone("europe/paris")).toBe("Europe/Paris");
    for (const value of ["Mars/Olympus", "", undefined, "x".repeat(65)]) expect(parseTimeZone(value)).toBe("UTC");
  });
});
