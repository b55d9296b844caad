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
import { dueWindow } from "../lib/due-window.ts";
import { prefixQuery } from "../lib/search-query.ts";
import type { TaskListQuery } from "../schemas/task.ts";
import { dueFilter, dueValues } from "./due-filter.ts";
import { type Caller, type LiveSession, withPreparedLiveSession } from "./live-session.ts";
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

const placeholder = sql.placeholder;

/**
 * One part of the list's WHERE: what it adds to the statement's shape, the request's values for
 * its placeholders, and its condition. The condition is built only for a shape's first request
 * and kept for every later one, so it must take values from placeholders only, never from the
 * request (which the shape would not tell apart).
 */
type ListPart = { shape: string; values: Record<string, unknown>; condition: () => SQL | undefined };

/** The SQL type of a cursor's key, which its placeholder is cast to; `null` for a missing key. */
function cursorKeyType(cursor: TaskCursor): "timestamptz" | "smallint" | "text" | null {
  if (cursor.value === null) return null;
  if (cursor.value instanceof Date) return "timestamptz";
  return typeof cursor.value === "number" ? "smallint" : "text";
}

/** The rows after the cursor in the list's order; null keys are greater than every key. */
function afterCursor(cursor: TaskCursor, order: "asc" | "desc"): ListPart {
  const keyType = cursorKeyType(cursor);
  const value = cursor.value instanceof Date ? cursor.value.toISOString() : cursor.value;
  return {
    shape: `after:${keyType}`,
    values: { after_id: cursor.id, after_value: value },
    condition() {
      const key = SORT_KEY[cursor.sort];
      const id = sql`${placeholder("after_id")}::uuid`;
      const beyond = order === "asc" ? gt : lt;
      if (keyType === null) {
        // On the null keys: ascending, only nulls with a greater id remain; descending, those with a
        // smaller id, then every task that has a key.
        return order === "asc" ? and(isNull(key), gt(tasks.id, id)) : or(isNotNull(key), lt(tasks.id, id));
      }
      const keyValue = sql`${placeholder("after_value")}::${sql.raw(keyType)}`;
      const sameKeyLaterId = and(eq(key, keyValue), beyond(tasks.id, id));
      return order === "asc" ? or(gt(key, keyValue), sameKeyLaterId, isNull(key)) : or(lt(key, keyValue), sameKeyLaterId);
    },
  };
}

const labelPlaceholders = (count: number) => Array.from({ length: count }, (_, i) => placeholder(`label_${i}`));

/** Every label given (narrowing as labels are added, like a label filter on an issue tracker). */
function withLabels(labelIds: string[]): ListPart {
  return {
    shape: `labels:${labelIds.length}`,
    values: Object.fromEntries(labelIds.map((id, i) => [`label_${i}`, id])),
    condition: () =>
      and(
        ...labelPlaceholders(labelIds.length).map(
          (labelId) =>
            sql`exists (select 1 from ${taskLabels} where ${taskLabels.taskId} = ${tasks.id} and ${taskLabels.labelId} = ${labelId}::uuid)`,
        ),
      ),
  };
}

function withPriorities(priorities: NonNullable<TaskListQuery["priority"]>): ListPart {
  const names = priorities.map((_, i) => `priority_${i}`);
  return {
    shape: `priority:${priorities.length}`,
    values: Object.fromEntries(priorities.map((priority, i) => [names[i], priorityNumber(priority)])),
    condition: () => inArray(tasks.priority, names.map(placeholder)),
  };
}

function matching(q: string): ListPart {
  const query = prefixQuery(q);
  if (query === null) return { shape: "q:nothing", values: {}, condition: () => sql`false` };
  return {
    shape: "q",
    values: { q: query },
    condition: () => sql`${taskSearchDocument(tasks)} @@ to_tsquery('simple', ${placeholder("q")})`,
  };
}

function listParts(options: TaskListOptions): ListPart[] {
  const parts: ListPart[] = [];
  if (options.status !== "all") {
    parts.push({
      shape: "status",
      values: { completed: options.status === "completed" },
      condition: () => eq(tasks.completed, placeholder("completed")),
    });
  }
  if (options.label?.length) parts.push(withLabels(options.label));
  if (options.priority) parts.push(withPriorities(options.priority));
  if (options.due) {
    const due = options.due;
    parts.push({ shape: `due:${due}`, values: dueValues(dueWindow(options.tz)), condition: () => dueFilter(due) });
  }
  if (options.q !== undefined) parts.push(matching(options.q));
  if (options.after) parts.push(afterCursor(options.after, options.order));
  return parts;
}

/** The list's statement for one shape: the parts' conditions, the sort, and `labelCount` labels to check. */
function listStatement(
  db: Database,
  live: LiveSession,
  parts: ListPart[],
  sort: TaskSort,
  order: "asc" | "desc",
  labelCount: number,
) {
  const key = SORT_KEY[sort];
  const direction = order === "asc" ? asc : desc;
  // The labels filtered by that are the person's: fewer than asked for means one is not.
  const ownLabels =
    labelCount === 0
      ? sql<number>`0`
      : sql<number>`(select count(*)::int from ${labels} where ${and(live.owns(labels.userId), inArray(labels.id, labelPlaceholders(labelCount)))})`;
  // The page is a LATERAL subquery with its own ORDER BY and LIMIT, so that the planner walks
  // the (user_id, key, id) index and stops after the page. Ordered after a LEFT JOIN instead, it
  // read and sorted every task of the person for each page (test/query-plans.test.ts).
  const where = and(live.owns(tasks.userId), ...parts.map((part) => part.condition()));
  const page = ownTasksInOrder(db, where, key, direction, placeholder("limit"));
  return live
    .select({ task: taskColumnsOf(page), labelIds: page.labelIds, ownLabels })
    .leftJoinLateral(page, sql`true`)
    .orderBy(direction(page[SORT_COLUMN[sort]]), direction(page.id));
}

/** One page of a person's tasks plus one extra row, which tells the caller whether more remain. */
export async function listTasks(db: Database, caller: Caller, options: TaskListOptions): Promise<TaskListResult> {
  const labelCount = options.label?.length ?? 0;
  const parts = listParts(options);
  const shape = [options.sort, options.order, ...parts.map((part) => part.shape)].join(" ");
  const rows = await withPreparedLiveSession(db, caller, {
    name: "task_list",
    shape,
    build: (live) => listStatement(db, live, parts, options.sort, options.order, labelCount),
    values: Object.assign({ limit: options.limit + 1 }, ...parts.map((part) => part.values)),
  });
  if (Number(rows[0]?.ownLabels ?? 0) < labelCount) return { kind: "unknown_label" };
  return {
    kind: "page",
    tasks: rows.flatMap((row) => (row.task?.id ? [{ ...(row.task as Task), labelIds: row.labelIds as string[] }] : [])),
  };
}
