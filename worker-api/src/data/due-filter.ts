/**
 * The `due` conditions (overdue, today, the next 7 days, no date), shared by the list's filter and
 * the dashboard's counts. Their bounds are placeholders, so that a statement using them is built
 * once (prepared-statements.ts); `dueValues` gives a request's bounds, computed in the person's
 * zone (lib/due-window.ts). Timed tasks compare with the zone's midnights, all-day ones (stored as
 * their date's midnight UTC) with today's date in the zone.
 */
import { and, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import { tasks } from "../../../drizzle/schema.ts";
import type { DueWindow } from "../lib/due-window.ts";
import type { TaskListQuery } from "../schemas/task.ts";

export type DueFilter = NonNullable<TaskListQuery["due"]>;

const DUE_BOUNDS = ["now", "todayStart", "tomorrowStart", "weekEnd", "todayDate", "tomorrowDate", "weekEndDate"] as const;
type DueBound = (typeof DUE_BOUNDS)[number];

const placeholderName = (bound: DueBound) => `due_${bound}`;

const bound = Object.fromEntries(
  DUE_BOUNDS.map((name) => [name, sql`${sql.placeholder(placeholderName(name))}::timestamptz`]),
) as Record<DueBound, SQL>;

const DAY = 86_400_000;

/** The placeholders' values for `window`, as ISO instants. */
export function dueValues(window: DueWindow): Record<string, string> {
  const instants: Record<DueBound, Date> = { ...window, tomorrowDate: new Date(window.todayDate.getTime() + DAY) };
  return Object.fromEntries(DUE_BOUNDS.map((name) => [placeholderName(name), instants[name].toISOString()]));
}

/** Due in [from, to) (from the beginning when `from` is null), among all-day or timed tasks. */
const dueBetween = (allDay: boolean, from: SQL | null, to: SQL) =>
  and(eq(tasks.dueAllDay, allDay), from ? sql`${tasks.dueAt} >= ${from}` : undefined, sql`${tasks.dueAt} < ${to}`);

export function dueFilter(due: DueFilter): SQL | undefined {
  switch (due) {
    case "none":
      return isNull(tasks.dueAt);
    // A completed task is not overdue.
    case "overdue":
      return and(eq(tasks.completed, false), or(dueBetween(false, null, bound.now), dueBetween(true, null, bound.todayDate)));
    case "today":
      return or(dueBetween(false, bound.todayStart, bound.tomorrowStart), dueBetween(true, bound.todayDate, bound.tomorrowDate));
    case "week":
      return or(dueBetween(false, bound.todayStart, bound.weekEnd), dueBetween(true, bound.todayDate, bound.weekEndDate));
  }
}
