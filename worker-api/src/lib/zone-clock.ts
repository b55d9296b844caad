/**
 * What a clock in a time zone reads at an instant, for the API's due windows (due-window.ts) and
 * the web's due dates (web/lib/tasks/due.ts, on the server and in the browser).
 *
 * One Intl formatter per zone, kept for the isolate or the page: building an Intl.DateTimeFormat
 * costs tens of microseconds, formatting with one little, and a due window reads the clock about
 * ten times, a task list twice per task on every render. Bounded, because Intl accepts any
 * capitalisation of a name, so made-up spellings (a query parameter, a cookie) could otherwise
 * grow it without end.
 */
export type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formats = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED_ZONES = 256;

/** The zone's formatter; throws a RangeError for a zone Intl does not know. */
function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    if (formats.size >= MAX_CACHED_ZONES) formats.clear();
    formats.set(zone, format);
  }
  return format;
}

/** The zone's IANA name as Intl spells it (`europe/paris` is Europe/Paris), or null when Intl does not know it. */
export function canonicalTimeZone(zone: string): string | null {
  try {
    return formatFor(zone).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Whether `zone` is a time zone Intl knows (an IANA name such as Europe/Paris, or UTC). */
export const isTimeZone = (zone: string): boolean => canonicalTimeZone(zone) !== null;

/** The wall clock of `zone` at `instant`. */
export function wallClockIn(zone: string, instant: Date | number): WallClock {
  const parts = formatFor(zone).formatToParts(instant);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return {
    year: field("year"),
    month: field("month"),
    day: field("day"),
    hour: field("hour"),
    minute: field("minute"),
    second: field("second"),
  };
}
