// The `due` filter's day bounds in a named zone (worker-api/src/lib/due-window.ts), in workerd's
// own Intl: today's local midnight as an instant, across clock changes, and a midnight that does
// not exist.
import { describe, expect, it } from "vitest";
import { dueWindow } from "../src/lib/due-window.ts";
import { isTimeZone } from "../src/lib/zone-clock.ts";

const iso = (date: Date) => date.toISOString();

describe("dueWindow", () => {
  it.each([
    // zone, now, today's date, today's start, tomorrow's start, the 8th day's start
    [
      "UTC",
      "2026-03-10T12:00:00Z",
      "2026-03-10",
      "2026-03-10T00:00:00.000Z",
      "2026-03-11T00:00:00.000Z",
      "2026-03-17T00:00:00.000Z",
    ],
    [
      "Europe/Paris",
      "2026-03-10T23:30:00Z",
      "2026-03-11",
      "2026-03-10T23:00:00.000Z",
      "2026-03-11T23:00:00.000Z",
      "2026-03-17T23:00:00.000Z",
    ],
    // The week spans Europe's change to summer time (29 March): the last midnight is an hour earlier in UTC.
    [
      "Europe/Paris",
      "2026-03-25T12:00:00Z",
      "2026-03-25",
      "2026-03-24T23:00:00.000Z",
      "2026-03-25T23:00:00.000Z",
      "2026-03-31T22:00:00.000Z",
    ],
    [
      "America/Los_Angeles",
      "2026-11-01T06:00:00Z",
      "2026-10-31",
      "2026-10-31T07:00:00.000Z",
      "2026-11-01T07:00:00.000Z",
      "2026-11-07T08:00:00.000Z",
    ],
    [
      "Pacific/Kiritimati",
      "2026-03-10T10:00:00Z",
      "2026-03-11",
      "2026-03-10T10:00:00.000Z",
      "2026-03-11T10:00:00.000Z",
      "2026-03-17T10:00:00.000Z",
    ],
    [
      "Asia/Kolkata",
      "2026-03-10T18:29:00Z",
      "2026-03-10",
      "2026-03-09T18:30:00.000Z",
      "2026-03-10T18:30:00.000Z",
      "2026-03-16T18:30:00.000Z",
    ],
    // Santiago moves its clocks at midnight (00:00 becomes 01:00 on 6 September 2026): the day starts at 01:00.
    [
      "America/Santiago",
      "2026-09-06T12:00:00Z",
      "2026-09-06",
      "2026-09-06T04:00:00.000Z",
      "2026-09-07T03:00:00.000Z",
      "2026-09-13T03:00:00.000Z",
    ],
  ])("%s at %s", (zone, now, date, start, tomorrow, weekEnd) => {
    const window = dueWindow(zone, new Date(now));
    expect(iso(window.todayDate).slice(0, 10)).toBe(date);
    expect([iso(window.todayStart), iso(window.tomorrowStart), iso(window.weekEnd)]).toEqual([start, tomorrow, weekEnd]);
    expect(window.weekEndDate.getTime() - window.todayDate.getTime()).toBe(7 * 86_400_000);
  });

  it("knows IANA zones and refuses anything else", () => {
    for (const zone of ["UTC", "Europe/Paris", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "+01:00"])
      expect(isTimeZone(zone), zone).toBe(true);
    for (const zone of ["", "Mars/Olympus", "Europe/Paris\n", "+25:00", "../../etc/passwd"])
      expect(isTimeZone(zone), zone).toBe(false);
  });
});
