/**
 * A task's due date as the API reads and writes it: `null`, `{date: "YYYY-MM-DD"}` (all day) or
 * `{at: "<ISO 8601 instant with Z or an offset>"}`. Stored as `due_at` plus `due_all_day`, a date
 * being its midnight UTC (docs/decisions/due-dates-and-list-cursors.md).
 */
import * as v from "valibot";

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const inRange = (date: Date) => date.getTime() >= EARLIEST && date.getTime() <= LATEST;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** RFC 3339: seconds required, fractions optional, and always a zone (Z or ±hh:mm). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** A calendar date that exists (no 30 February), as its midnight UTC. */
export function parseCalendarDate(text: string): Date | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const date = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) && inRange(date) ? date : null;
}

function parseInstant(text: string): Date | null {
  if (!INSTANT.test(text)) return null;
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || !inRange(date)) return null;
  // `Date` rolls 30 February over to 2 March: the date as written must exist.
  return parseCalendarDate(text.slice(0, 10)) ? date : null;
}

export type Due = { at: Date; allDay: boolean } | null;

export const DueSchema = v.nullable(
  v.union(
    [
      v.pipe(
        v.strictObject({ date: v.string() }),
        v.rawTransform(({ dataset, addIssue, NEVER }) => {
          const at = parseCalendarDate(dataset.value.date);
          if (at) return { at, allDay: true };
          addIssue({ message: "due.date must be a date, YYYY-MM-DD, in years 1970 to 9999" });
          return NEVER;
        }),
      ),
      v.pipe(
        v.strictObject({ at: v.string() }),
        v.rawTransform(({ dataset, addIssue, NEVER }) => {
          const at = parseInstant(dataset.value.at);
          if (at) return { at, allDay: false };
          addIssue({ message: "due.at must be an ISO 8601 instant with Z or an offset, in years 1970 to 9999" });
          return NEVER;
        }),
      ),
    ],
    "due must be null, {date: YYYY-MM-DD} or {at: an ISO 8601 instant}",
  ),
);

/** The JSON form of a stored due date. */
export function dueJson(at: Date | null, allDay: boolean): { date: string } | { at: string } | null {
  if (!at) return null;
  return allDay ? { date: at.toISOString().slice(0, 10) } : { at: at.toISOString() };
}
