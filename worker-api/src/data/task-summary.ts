/**
 * The dashboard's counts in one aggregate statement, the session check included: all, pending and
 * completed tasks; the pending ones overdue, due today and due in the next 7 days, in the person's
 * zone (the list's own `due` conditions, task-list.ts); and the pending ones by priority.
 */
import { and, eq, type SQL, sql } from "drizzle-orm";
import { TASK_PRIORITIES } from "../../../drizzle/limits.ts";
import { tasks } from "../../../drizzle/schema.ts";
import type { Database } from "../db.ts";
import { dueWindow } from "../lib/due-window.ts";
import { dueFilter, dueValues } from "./due-filter.ts";
import { type Caller, type LiveSession, withPreparedLiveSession } from "./live-session.ts";
import { priorityNumber } from "./tasks.ts";

type Priority = (typeof TASK_PRIORITIES)[number];

export type TaskSummary = {
  total: number;
  pending: number;
  completed: number;
  /** Pending tasks past their due date or instant, due today, and due today or in the 6 days after. */
  overdue: number;
  due_today: number;
  due_week: number;
  /** Pending tasks per priority. */
  by_priority: Record<Priority, number>;
};

const countWhere = (condition: SQL | undefined) => sql<number>`(count(*) filter (where ${condition}))::int`;

/** The one statement, prepared once per isolate (prepared-statements.ts): the caller and the zone's bounds are values. */
function summaryStatement(live: LiveSession) {
  const pending = eq(tasks.completed, false);
  const priorityCounts = Object.fromEntries(
    TASK_PRIORITIES.map((priority) => [priority, countWhere(and(pending, eq(tasks.priority, priorityNumber(priority))))]),
  ) as Record<Priority, SQL<number>>;
  return (
    live
      .select({
        total: sql<number>`count(${tasks.id})::int`,
        completed: countWhere(eq(tasks.completed, true)),
        overdue: countWhere(dueFilter("overdue")),
        dueToday: countWhere(and(pending, dueFilter("today"))),
        dueWeek: countWhere(and(pending, dueFilter("week"))),
        ...priorityCounts,
      })
      .leftJoin(tasks, live.owns(tasks.userId))
      // Grouped by the session's row: no group, so no row, once it has ended.
      .groupBy(live.cte.live)
  );
}

export async function summarizeTasks(db: Database, caller: Caller, tz: string): Promise<TaskSummary> {
  const [row] = await withPreparedLiveSession(db, caller, {
    name: "task_summary",
    build: summaryStatement,
    values: dueValues(dueWindow(tz)),
  });
  const count = (value: unknown) => Number(value ?? 0);
  const total = count(row?.total);
  const completed = count(row?.completed);
  return {
    total,
    pending: total - completed,
    completed,
    overdue: count(row?.overdue),
    due_today: count(row?.dueToday),
    due_week: count(row?.dueWeek),
    by_priority: Object.fromEntries(
      TASK_PRIORITIES.map((priority) => [priority, count(row?.[priority as keyof typeof row])]),
    ) as Record<Priority, number>,
  };
}
