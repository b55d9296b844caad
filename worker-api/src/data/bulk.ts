/**
 * One action on many of the person's tasks, in one statement, all or nothing: the statement acts
 * only when every id names a task of the person (and, for the label actions, the label is theirs)
 * and the session is live; otherwise it writes nothing and says which was missing. CTEs, in order:
 * `live_session`; `own` (the tasks of the person among the ids); `own_label`; `allowed` (all found,
 * session live); the write itself (a delete also keeps copies for Undo: `gone`, `kept`); and the answer.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { labels, taskLabels, tasks } from "../../../drizzle/schema.ts";
import type { Database } from "../db.ts";
import type { BulkRequest } from "../schemas/bulk.ts";
import { deleteKeepingCopies } from "./deleted-tasks.ts";
import { type Caller, withLiveSession } from "./live-session.ts";

export type BulkResult = "done" | "task_not_found" | "label_not_found";

export async function actOnTasks(db: Database, caller: Caller, request: BulkRequest): Promise<BulkResult> {
  const { action, ids } = request;
  const labelId = request.label_id ?? null;
  const [row] = await withLiveSession(db, caller, (live) => {
    const own = db.$with("own").as(
      db
        .select({ id: tasks.id })
        .from(tasks)
        .where(and(inArray(tasks.id, ids), live.owns(tasks.userId))),
    );
    const ownLabel = db.$with("own_label").as(
      db
        .select({ id: labels.id })
        .from(labels)
        .where(and(eq(labels.id, labelId ?? sql`null::uuid`), live.owns(labels.userId))),
    );
    const allTasksFound = sql`(select count(*) from ${own}) = ${ids.length}`;
    const labelFound = labelId === null ? sql`true` : sql`exists (select 1 from ${ownLabel})`;
    const allowed = sql`(${allTasksFound} and ${labelFound} and ${live.isLive})`;
    const targets = and(sql`${tasks.id} in (select ${own.id} from ${own})`, allowed);
    const touch = db.update(tasks).set({ updatedAt: sql`now()` }).where(targets).returning({ id: tasks.id });

    const writes = {
      complete: () =>
        db
          .update(tasks)
          .set({
            completed: true,
            // Completing a completed task keeps when it was done.
            completedAt: sql`case when ${tasks.completed} then coalesce(${tasks.completedAt}, now()) else now() end`,
            updatedAt: sql`now()`,
          })
          .where(targets)
          .returning({ id: tasks.id }),
      reopen: () =>
        db
          .update(tasks)
          .set({ completed: false, completedAt: null, updatedAt: sql`now()` })
          .where(targets)
          .returning({ id: tasks.id }),
      // The label actions write the links and touch the tasks (`updated_at` orders live updates).
      add_label: () => touch,
      remove_label: () => touch,
    };
    // A delete also copies each task into deleted_tasks, in the same statement, for Undo (deleted-tasks.ts).
    const deleted = deleteKeepingCopies(db, targets);
    const written = action === "delete" ? deleted.gone : db.$with("written").as(writes[action]());
    const writeCtes = action === "delete" ? [deleted.gone, deleted.kept] : [written];
    const links =
      action === "add_label"
        ? db.$with("links").as(
            db
              .insert(taskLabels)
              .select(
                db
                  .select({ taskId: own.id, labelId: sql<string>`${labelId}::uuid`.as("label_id") })
                  .from(own)
                  .where(allowed),
              )
              .onConflictDoNothing()
              .returning({ taskId: taskLabels.taskId }),
          )
        : action === "remove_label"
          ? db.$with("links").as(
              db
                .delete(taskLabels)
                .where(
                  and(
                    sql`${taskLabels.taskId} in (select ${own.id} from ${own})`,
                    eq(taskLabels.labelId, labelId as string),
                    allowed,
                  ),
                )
                .returning({ taskId: taskLabels.taskId }),
            )
          : db.$with("links").as(db.select({ taskId: own.id }).from(own).where(sql`false`));
    return db
      .with(live.cte, own, ownLabel, ...writeCtes, links)
      .select({
        tasksFound: sql<number>`(select count(*) from ${own})::int`,
        labelFound: sql<boolean>`${labelFound}`,
        written: sql<number>`(select count(*) from ${written})::int`,
        links: sql<number>`(select count(*) from ${links})::int`,
      })
      .from(live.cte);
  });
  if (Number(row?.tasksFound) !== ids.length) return "task_not_found";
  if (!row?.labelFound) return "label_not_found";
  return "done";
}
