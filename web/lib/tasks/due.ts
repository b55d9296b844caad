/**
 * A task's due date between the form, the API and the list. The API stores an instant plus an
 * all-day flag (docs/decisions/due-dates-and-list-cursors.md): a date alone is `{date}`, a date
 * with a time of day is the instant that wall-clock time names in the browser's zone, `{at}`.
 * The list says "Overdue", "Today" or "Tomorrow" in the person's zone (`timeZone`), which the
 * server and the browser share (lib/time/time-zone.ts), so the server's HTML and hydration agree.
 */
import { wallClockIn } from "../../../worker-api/src/lib/zone-clock.ts";
import type { Task } from "./api.ts";

export type Due = Task["due"];
/** The form's two inputs: `date` is YYYY-MM-DD or empty, `time` is HH:MM or empty. */
export type DueInput = { date: string; time: string };

/** The form's inputs as the API's `due`: null when no date is given (the time alone means nothing). */
export function dueFromInput({ date, time }: DueInput): Due {
  if (!date) return null;
  if (!time) return { date };
  // `new Date("YYYY-MM-DDTHH:MM")` reads a wall-clock time in the browser's own zone.
  const at = new Date(`${date}T${time}`);
  return Number.isNaN(at.getTime()) ? { date } : { at: at.toISOString() };
}

const two = (value: number) => String(value).padStart(2, "0");

/** YYYY-MM-DD and HH:MM of `instant` in `timeZone` (one formatter per zone: zone-clock.ts). */
function wallClock(instant: Date, timeZone: string): DueInput {
  const clock = wallClockIn(timeZone, instant);
  return { date: `${clock.year}-${two(clock.month)}-${two(clock.day)}`, time: `${two(clock.hour)}:${two(clock.minute)}` };
}

/** A stored due date back into the form's inputs, in the browser's zone. */
export function dueToInput(due: Due, timeZone: string): DueInput {
  if (!due) return { date: "", time: "" };
  if ("date" in due) return { date: due.date, time: "" };
  return wallClock(new Date(due.at), timeZone);
}

const addDays = (date: string, days: number) => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
};

/** A date as the list writes it beyond tomorrow (read as midnight UTC: the date itself, whatever the zone). */
const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/**
 * The day of `instant` in `timeZone`, written as the list writes dates ("6 Dec 2026"): a task's
 * "added" date. A fixed locale and the zone the server and the browser share, so that the server's
 * HTML and hydration write the same text (the browser's own locale and zone would rewrite it).
 */
export function describeDay(instant: string, timeZone: string): string {
  return DATE.format(new Date(`${wallClock(new Date(instant), timeZone).date}T00:00:00Z`));
}

export type DueState = "overdue" | "today" | "tomorrow" | "later";
export type DueDescription = { state: DueState; text: string; dateTime: string };

/**
 * How the list shows a due date at `now` in `timeZone`: overdue (a pending task past its date or
 * instant), today, tomorrow, or the date; a time of day follows when there is one.
 */
export function describeDue(due: Due, completed: boolean, now: Date, timeZone: string): DueDescription | null {
  if (!due) return null;
  const today = wallClock(now, timeZone).date;
  const allDay = "date" in due;
  const date = allDay ? due.date : wallClock(new Date(due.at), timeZone).date;
  const time = allDay ? "" : ` ${wallClock(new Date(due.at), timeZone).time}`;
  const past = allDay ? date < today : new Date(due.at).getTime() < now.getTime();
  const state: DueState =
    past && !completed ? "overdue" : date === today ? "today" : date === addDays(today, 1) ? "tomorrow" : "later";
  const day = date === today ? "Today" : date === addDays(today, 1) ? "Tomorrow" : DATE.format(new Date(`${date}T00:00:00Z`));
  const text = state === "overdue" ? `Overdue · ${day}${time}` : `${day}${time}`;
  return { state, text, dateTime: allDay ? due.date : due.at };
}
