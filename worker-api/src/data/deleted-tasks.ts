/**
 * Undo of a delete (docs/decisions/undo.md). Every delete of tasks (the single DELETE and the bulk
 * delete) copies each deleted row and its label ids into `deleted_tasks` in the same statement;
 * `restoreTasks` writes them back, in one statement, exactly as they were: same id, fields, dates
 * and position, with the labels that still exist. Only the caller's copies, only within
 * UNDO_WINDOW_SECONDS, all or nothing; the copy is removed by the restore (so a second restore
 * finds nothing) or, past the window, by the scheduled clean-up.
 */
import { and, getTableColumns, gt, inArray, type SQL, sql } from "drizzle-orm";
import { UNDO_WINDOW_SECONDS } from "../../../drizzle/limits.ts";
import { deletedTasks, labels, type Task, taskLabels, tasks } from "../../../drizzle/schema.ts";
import type { Database } from "../db.ts";
import { type Caller, type LiveSession, withLiveSession } from "./live-session.ts";

/** A restored task with its label ids (tasks.ts's TaskWithLabels; not imported: tasks.ts imports this module). */
type TaskWithLabels = Task & { labelIds: string[] };

/**
 * The CTEs of a delete that keeps copies: `gone` deletes the tasks `where` picks (returning each
 * row as JSON and its label ids, read from the statement's snapshot, before the cascade removes
 * the links), and `kept` inserts them into `deleted_tasks`. Put both in the statement's WITH.
 */
export function deleteKeepingCopies(db: Database, where: SQL | undefined) {
  const gone = db.$with("gone").as(
    db
      .delete(tasks)
      .where(where)
      .returning({
        id: tasks.id,
        userId: tasks.userId,
        row: sql<unknown>`to_jsonb(${tasks})`.as("row"),
        labelIds: sql<
          string[]
        >`array(select ${taskLabels.labelId} from ${taskLabels} where ${taskLabels.taskId} = ${tasks.id})`.as("label_ids"),
      }),
  );
  const kept = db.$with("kept").as(
    db
      .insert(deletedTasks)
      .select(
        db
          .select({
            taskId: gone.id,
            userId: gone.userId,
            task: gone.row,
            labelIds: gone.labelIds,
            deletedAt: sql<Date>`now()`.as("deleted_at"),
          })
          .from(gone),
      )
      .returning({ taskId: deletedTasks.taskId }),
  );
  return { gone, kept };
}

/** The task columns in Drizzle's order, as the INSERT lists them, read from the record `r`. */
const restoredColumns = sql.join(
  Object.values(getTableColumns(tasks)).map((column) => sql`r.${sql.identifier(column.name)}`),
  sql`, `,
);

/** The caller's copies among `ids` that are still within the window, locked against a concurrent restore. */
function restorable(db: Database, live: LiveSession, ids: string[]) {
  return db.$with("wanted").as(
    db
      .select({ taskId: deletedTasks.taskId, task: deletedTasks.task, labelIds: deletedTasks.labelIds })
      .from(deletedTasks)
      .where(
        and(
          inArray(deletedTasks.taskId, ids),
          live.owns(deletedTasks.userId),
          gt(deletedTasks.deletedAt, sql`now() - make_interval(secs => ${UNDO_WINDOW_SECONDS})`),
        ),
      )
      // A second restore of the same ids waits for the first, then finds its rows gone: 404, not a duplicate key.
      .for("update"),
  );
}

/**
 * Writes the caller's deleted tasks `ids` back. Null when any of them is not restorable (never
 * deleted, another person's, past the window, restored already): then nothing is written.
 * CTEs: `live_session`; `wanted`; `restored` (the rows, when all were found and the session is
 * live); `links` (the labels that still exist and are the caller's); `removed` (the copies).
 */
export async function restoreTasks(db: Database, caller: Caller, ids: string[]): Promise<TaskWithLabels[] | null> {
  const rows = await withLiveSession(db, caller, (live) => {
    const wanted = restorable(db, live, ids);
    const allowed = sql`((select count(*) from ${wanted}) = ${ids.length} and ${live.isLive})`;
    const restored = db
      .$with("restored")
      .as(
        db
          .insert(tasks)
          .select(
            sql`select ${restoredColumns} from ${wanted} cross join lateral jsonb_populate_record(null::${tasks}, ${wanted.task}) as r where ${allowed}`,
          )
          .returning(),
      );
    const links = db.$with("links").as(
      db
        .insert(taskLabels)
        .select(
          db
            .select({ taskId: wanted.taskId, labelId: labels.id })
            .from(wanted)
            .innerJoin(labels, and(sql`${labels.id} = any(${wanted.labelIds})`, live.owns(labels.userId)))
            .where(allowed),
        )
        .returning({ taskId: taskLabels.taskId, labelId: taskLabels.labelId }),
    );
    const removed = db.$with("removed").as(
      db
        .delete(deletedTasks)
        .where(and(sql`${deletedTasks.taskId} in (select ${wanted.taskId} from ${wanted})`, allowed))
        .returning({ taskId: deletedTasks.taskId }),
    );
    return db
      .with(live.cte, wanted, restored, links, removed)
      .select({
        found: sql<number>`(select count(*) from ${wanted})::int`,
        task: restored._.selectedFields,
        // The links inserted by this statement (its own snapshot cannot see them in task_labels).
        labelIds: sql<
          string[]
        >`array(select ${links.labelId}::text from ${links} where ${links.taskId} = ${restored.id} order by 1)`,
      })
      .from(live.cte)
      .leftJoin(restored, sql`true`);
  });
  if (Number(rows[0]?.found) !== ids.length) return null;
  return rows.flatMap((row) => (row.task?.id == null ? [] : [{ ...(row.task as TaskWithLabels), labelIds: row.labelIds }]));
}
