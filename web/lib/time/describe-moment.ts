/**
 * A moment as Settings and the activity page write it (a sign-in, a device's last activity, a
 * passkey's first and last use): "7 Dec 2026, 05:15 GMT+5:30", in the person's zone (the `tz`
 * cookie, lib/time/time-zone.ts) with that zone's name or offset written after it, so that nobody
 * has to guess which clock a security event is on. A fixed locale and the zone passed in, so the
 * server's HTML and the browser (a passkey just added) write the same text.
 */
export type Moment = { iso: string; text: string };

/** One formatter per zone: building one costs more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
      timeZone,
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** `timeZone` must be one Intl knows: the pages pass `parseTimeZone`'s answer, UTC when in doubt. */
export function describeMoment(value: Date | string, timeZone: string): Moment {
  const date = new Date(value);
  return { iso: date.toISOString(), text: formatterFor(timeZone).format(date) };
}
