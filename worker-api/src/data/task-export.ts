/**
 * The export's reads: the person's tasks with their labels, oldest first, one keyset page per
 * statement. Each page is its own statement on the live session (live-session.ts), so a session
 * that ends during a long export stops it at the next page, and no page needs more than
 * `pageSize` rows in memory. Pages are keysets on (created_at, id), served by
 * `tasks_user_id_created_at_idx` through a LATERAL page (task-page.ts); the last row of a page is
 * where the next one starts.
 */
import { and, asc, eq, gt, or, type SQLWrapper, sql } from "drizzle-orm";
import { labels, taskLabels, tasks } from "../../../drizzle/schema.ts";
import type { Database } from "../db.ts";
import { type Caller, withLiveSession } from "./live-session.ts";
import { ownTasksInOrder, taskColumnsOf } from "./task-page.ts";
import type { Task, TaskWithLabels } from "./tasks.ts";

/** A label as the export names it: its id, name and colour. */
export type ExportedLabel = { id: string; name: string; color: string };

export type ExportedTask = TaskWithLabels & { labels: ExportedLabel[] };

/** Where a page starts: after this task in (created_at, id) order. */
export type ExportCursor = { createdAt: Date; id: string };

/**
 * The task's labels by name, as JSON text (one element each, so that both transports hand back
 * plain text arrays, as `labelIdsOfTask` does).
 */
const labelsOfTask = (taskId: SQLWrapper) => sql<string[]>`array(
  select json_build_object('id', ${labels.id}, 'name', ${labels.name}, 'color', ${labels.color})::text
  from ${taskLabels} join ${labels} on ${labels.id} = ${taskLabels.labelId}
  where ${taskLabels.taskId} = ${taskId}
  order by lower(${labels.name}), ${labels.id})`;

const afterCursor = (cursor: ExportCursor) => {
  const createdAt = sql`${cursor.createdAt.toISOString()}::timestamptz`;
  return or(gt(tasks.createdAt, createdAt), and(eq(tasks.createdAt, createdAt), gt(tasks.id, sql`${cursor.id}::uuid`)));
};

/**
 * Up to `pageSize` of the person's tasks after `cursor` (from the first when it is null), and
 * whether more remain (one extra row is read to tell).
 */
export async function exportPage(
  db: Database,
  caller: Caller,
  cursor: ExportCursor | null,
  pageSize: number,
): Promise<{ tasks: ExportedTask[]; more: boolean }> {
  const rows = await withLiveSession(db, caller, (live) => {
    const owned = and(live.owns(tasks.userId), cursor ? afterCursor(cursor) : undefined);
    const page = ownTasksInOrder(db, owned, tasks.createdAt, asc, pageSize + 1);
    return live
      .select({ task: taskColumnsOf(page), labelIds: page.labelIds, labels: labelsOfTask(page.id) })
      .leftJoinLateral(page, sql`true`)
      .orderBy(asc(page.createdAt), asc(page.id));
  });
  const found = rows.flatMap((row) =>
    row.task?.id
      ? [
          {
            ...(row.task as Task),
            labelIds: row.labelIds as string[],
            labels: row.labels.map((text) => JSON.parse(text) as ExportedLabel),
          },
        ]
      : [],
  );
  return { tasks: found.slice(0, pageSize), more: found.length > pageSize };
}
