/**
 * A page of the person's tasks as a subquery with its own ORDER BY and LIMIT, for a statement to
 * LEFT JOIN LATERAL onto its live session (live-session.ts). Postgres can stop an index scan after
 * `limit` rows only when the LIMIT sits on the scan's own query: put after the join, it reads and
 * sorts every task that matches, for every page (test/query-plans.test.ts finds that plan).
 */
import { type asc, getTableColumns, type Placeholder, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { tasks } from "../../../drizzle/schema.ts";
import type { Database } from "../db.ts";
import { taskWithLabels } from "./tasks.ts";

export function ownTasksInOrder(
  db: Database,
  where: SQL | undefined,
  key: PgColumn,
  direction: typeof asc,
  limit: number | Placeholder,
) {
  return db.select(taskWithLabels).from(tasks).where(where).orderBy(direction(key), direction(tasks.id)).limit(limit).as("page");
}

type TaskPage = ReturnType<typeof ownTasksInOrder>;

/** The task's own columns of a page's row (its label ids apart), to select as one object. */
export function taskColumnsOf(page: TaskPage) {
  const { labelIds: _, ...columns } = page._.selectedFields;
  return Object.fromEntries(Object.keys(getTableColumns(tasks)).map((name) => [name, page[name as keyof typeof columns]])) as {
    [Name in keyof typeof columns]: TaskPage[Name];
  };
}
