/**
 * The task list: one statement (on the live session, like every query) that filters, searches,
 * sorts and pages a person's tasks, and checks in the same breath that every label it filters by
 * is the person's own. Pages are keysets on (sort key, id), so a page boundary is exact whatever
 * ties the key has. A missing key (no due date, no position) counts as greater than every key:
 * last in ascending order, first in descending (Postgres's own NULLS order, so the indexes on
 * (user_id, key, id) serve both directions).
 */
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { labels, taskLabels, taskSearchDocument, tasks } from "../../../drizzle/schema.ts";
import type { Database } from "../db.ts";
import type { TaskCursor, TaskSort } from "../lib/cursor.ts";
import { type DueWindow, dueWindow } from "../lib/due-window.ts";
import { prefixQuery } from "../lib/search-query.ts";
import type { TaskListQuery } from "../schemas/task.ts";
import { type Caller, withLiveSession } from "./live-session.ts";
import { ownTasksInOrder, taskColumnsOf } from "./task-page.ts";
import { priorityNumber, type Task, type TaskWithLabels } from "./tasks.ts";

export type TaskListOptions = Omit<TaskListQuery, "cursor" | "order"> & { order: "asc" | "desc"; after?: TaskCursor };

export type TaskListResult =
  | { kind: "page"; tasks: TaskWithLabels[] }
  /** A label filtered by is not the person's (or does not exist): nothing was listed. */
  | { kind: "unknown_label" };

/** The order each sort takes when the request names none. */
export const DEFAULT_ORDER: Record<TaskSort, "asc" | "desc"> = { created: "desc", due: "asc", priority: "desc", position: "asc" };

const SORT_KEY = { created: tasks.createdAt, due: tasks.dueAt, priority: tasks.priority, position: tasks.position };
const SORT_COLUMN = { created: "createdAt", due: "dueAt", priority: "priority", position: "position" } as const;

function cursorValue(cursor: TaskCursor): SQL | null {
  if (cursor.value === null) return null;
  if (cursor.value instanceof Date) return sql`${cursor.value.toISOString()}::timestamptz`;
  if (typeof cursor.value === "number") return sql`${cursor.value}::smallint`;
  return sql`${cursor.value}::text`;
}

/** The rows after `cursor` in the list's order; null keys are greater than every key. */
function after(cursor: TaskCursor, order: "asc" | "desc"): SQL | undefined {
  const key = SORT_KEY[cursor.sort];
  const value = cursorValue(cursor);
  const id = sql`${cursor.id}::uuid`;
  const beyond = order === "asc" ? gt : lt;
  if (value === null) {
    // On the null keys: ascending, only nulls with a greater id remain; descending, those with a
    // smaller id, then every task that has a key.
    return order === "asc" ? and(isNull(key), gt(tasks.id, id)) : or(isNotNull(key), lt(tasks.id, id));
  }
  const sameKeyLaterId = and(eq(key, value), beyond(tasks.id, id));
  return order === "asc" ? or(gt(key, value), sameKeyLaterId, isNull(key)) : or(lt(key, value), sameKeyLaterId);
}

/** Due in [from, to) (from the beginning when `from` is null), among all-day or timed tasks. */
const dueBetween = (allDay: boolean, from: Date | null, to: Date) =>
  and(
    eq(tasks.dueAllDay, allDay),
    from ? sql`${tasks.dueAt} >= ${from.toISOString()}::timestamptz` : undefined,
    sql`${tasks.dueAt} < ${to.toISOString()}::timestamptz`,
  );

const DAY = 86_400_000;

/** Timed tasks compare with the zone's midnights, all-day ones (dates) with today's date. */
export function dueFilter(due: NonNullable<TaskListQuery["due"]>, window: DueWindow): SQL | undefined {
  switch (due) {
    case "none":
      return isNull(tasks.dueAt);
    // A completed task is not overdue.
    case "overdue":
      return and(eq(tasks.completed, false), or(dueBetween(false, null, window.now), dueBetween(true, null, window.todayDate)));
    case "today":
      return or(
        dueBetween(false, window.todayStart, window.tomorrowStart),
        dueBetween(true, window.todayDate, new Date(window.todayDate.getTime() + DAY)),
      );
    case "week":
      return or(dueBetween(false, window.todayStart, window.weekEnd), dueBetween(true, window.todayDate, window.weekEndDate));
  }
}

function filters(options: TaskListOptions): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [];
  if (options.status !== "all") where.push(eq(tasks.completed, options.status === "completed"));
  // Every label given (narrowing as labels are added, like a label filter on an issue tracker).
  for (const labelId of options.label ?? []) {
    where.push(
      sql`exists (select 1 from ${taskLabels} where ${taskLabels.taskId} = ${tasks.id} and ${taskLabels.labelId} = ${labelId}::uuid)`,
    );
  }
  if (options.priority) where.push(inArray(tasks.priority, options.priority.map(priorityNumber)));
  if (options.due) where.push(dueFilter(options.due, dueWindow(options.tz)));
  if (options.q !== undefined) {
    const query = prefixQuery(options.q);
    where.push(query === null ? sql`false` : sql`${taskSearchDocument(tasks)} @@ to_tsquery('simple', ${query})`);
  }
  if (options.after) where.push(after(options.after, options.order));
  return where;
}

/** One page of a person's tasks plus one extra row, which tells the caller whether more remain. */
export async function listTasks(db: Database, caller: Caller, options: TaskListOptions): Promise<TaskListResult> {
  const labelIds = options.label ?? [];
  const rows = await withLiveSession(db, caller, (live) => {
    const key = SORT_KEY[options.sort];
    const direction = options.order === "asc" ? asc : desc;
    // The labels filtered by that are the person's: fewer than asked for means one is not.
    const ownLabels =
      labelIds.length === 0
        ? sql<number>`0`
        : sql<number>`(select count(*)::int from ${labels} where ${and(live.owns(labels.userId), inArray(labels.id, labelIds))})`;
    // The page is a LATERAL subquery with its own ORDER BY and LIMIT, so that the planner walks
    // the (user_id, key, id) index and stops after the page. Ordered after a LEFT JOIN instead, it
    // read and sorted every task of the person for each page (test/query-plans.test.ts).
    const page = ownTasksInOrder(db, and(live.owns(tasks.userId), ...filters(options)), key, direction, options.limit + 1);
    return live
      .select({ task: taskColumnsOf(page), labelIds: page.labelIds, ownLabels })
      .leftJoinLateral(page, sql`true`)
      .orderBy(direction(page[SORT_COLUMN[options.sort]]), direction(page.id));
  });
  if (Number(rows[0]?.ownLabels ?? 0) < labelIds.length) return { kind: "unknown_label" };
  return {
    kind: "page",
    tasks: rows.flatMap((row) => (row.task?.id ? [{ ...(row.task as Task), labelIds: row.labelIds as string[] }] : [])),
  };
}
