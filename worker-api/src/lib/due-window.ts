/**
 * The bounds of the list's `due` filters in the person's time zone, computed in the worker (whose
 * Intl knows every IANA zone, which PGlite's and Neon's tz data need not agree on):
 * - a timed task is due today when its instant falls between the zone's midnight today and
 *   tomorrow's, and in the week when it falls before the midnight that starts the 8th day;
 * - an all-day task (stored as its date's midnight UTC) compares as that date with today's date
 *   in the zone.
 * A midnight that does not exist (a clock change at 00:00) becomes the day's first instant.
 */
import { wallClockIn } from "./zone-clock.ts";

export type DueWindow = {
  now: Date;
  /** The zone's midnight starting today, tomorrow and the 8th day, as instants. */
  todayStart: Date;
  tomorrowStart: Date;
  weekEnd: Date;
  /** Today's date in the zone, and the date 7 days later, as their midnights UTC. */
  todayDate: Date;
  weekEndDate: Date;
};

const DAY = 86_400_000;

/** The zone's wall-clock reading of `instant`, as if it were UTC (its offset is the difference). */
function wallClock(instant: number, zone: string): number {
  const clock = wallClockIn(zone, instant);
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
}

/** The first instant of the local date `dateUtc` (its midnight UTC) in `zone`. */
function startOfLocalDay(dateUtc: number, zone: string): Date {
  // Two passes: the offset at a first guess, then at the instant it gives (a clock change between).
  let instant = dateUtc - (wallClock(dateUtc, zone) - dateUtc);
  instant = dateUtc - (wallClock(instant, zone) - instant);
  // Where midnight does not exist, the guess can land on either side of the jump: move to the
  // day's first minute (at most the size of the jump, an hour or two, minute by minute).
  while (wallClock(instant, zone) < dateUtc) instant += 60_000;
  while (wallClock(instant - 60_000, zone) >= dateUtc) instant -= 60_000;
  return new Date(instant);
}

export function dueWindow(zone: string, now = new Date()): DueWindow {
  const local = wallClock(now.getTime(), zone);
  const today = local - (local % DAY);
  return {
    now,
    todayStart: startOfLocalDay(today, zone),
    tomorrowStart: startOfLocalDay(today + DAY, zone),
    weekEnd: startOfLocalDay(today + 7 * DAY, zone),
    todayDate: new Date(today),
    weekEndDate: new Date(today + 7 * DAY),
  };
}
