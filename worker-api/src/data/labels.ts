/**
 * Label queries, one statement each on the caller's live session (live-session.ts), like the
 * task queries. A label, or a task, of someone else is treated as one that does not exist.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { type Label, labels, taskLabels, tasks } from "../../../drizzle/schema.ts";
import { sqlState } from "../../../drizzle/sql-state.ts";
import type { Database } from "../db.ts";
import type { LabelCreate, LabelUpdate } from "../schemas/label.ts";
import { type Caller, type LiveSession, withLiveSession, withPreparedLiveSession } from "./live-session.ts";
import { ownTask, type TaskWithLabels, taskWithLabels } from "./tasks.ts";

export type { Label };

/** A second label of the same name (whatever its case) for the same person. */
export class LabelNameTakenError extends Error {
  override name = "LabelNameTakenError";
}

const UNIQUE_NAME = "labels_user_id_lower_name_idx";

/** Turns the unique index's refusal into `LabelNameTakenError`; anything else goes on. */
async function refusingDuplicateNames<Result>(work: Promise<Result>): Promise<Result> {
  try {
    return await work;
  } catch (error) {
    for (let current: unknown = error; current instanceof Error; current = current.cause) {
      if ((current as { constraint?: unknown }).constraint === UNIQUE_NAME)
        throw new LabelNameTakenError("A label of this name exists.", { cause: error });
    }
    if (sqlState(error) === "23505") throw new LabelNameTakenError("A label of this name exists.", { cause: error });
    throw error;
  }
}

const ownLabel = (live: LiveSession, id: string) => and(eq(labels.id, id), live.owns(labels.userId));

export async function listLabels(db: Database, caller: Caller): Promise<Label[]> {
  const rows = await withPreparedLiveSession(db, caller, {
    name: "label_list",
    build: (live) =>
      live
        .select({ label: labels })
        .leftJoin(labels, live.owns(labels.userId))
        .orderBy(asc(sql`lower(${labels.name})`), asc(labels.id)),
  });
  return rows.flatMap((row) => (row.label ? [row.label] : []));
}

export async function createLabel(db: Database, caller: Caller, input: LabelCreate): Promise<Label> {
  const [row] = await refusingDuplicateNames(
    withLiveSession(db, caller, (live) =>
      live.written(
        db.$with("created").as(
          db
            .insert(labels)
            .values({ userId: live.ownerId, name: input.name, color: input.color ?? "gray" })
            .returning(),
        ),
      ),
    ),
  );
  if (!row?.created) throw new Error("INSERT … RETURNING returned no row");
  return row.created;
}

export async function updateLabel(db: Database, caller: Caller, id: string, change: LabelUpdate): Promise<Label | null> {
  const [row] = await refusingDuplicateNames(
    withLiveSession(db, caller, (live) =>
      live.written(
        db.$with("changed").as(
          db
            .update(labels)
            .set(change)
            .where(and(ownLabel(live, id), live.isLive))
            .returning(),
        ),
      ),
    ),
  );
  return row?.changed ?? null;
}

/** Deletes the label; the tasks that carried it lose it (task_labels cascades). */
export async function deleteLabel(db: Database, caller: Caller, id: string): Promise<boolean> {
  const [row] = await withLiveSession(db, caller, (live) =>
    live.written(
      db.$with("deleted").as(
        db
          .delete(labels)
          .where(and(ownLabel(live, id), live.isLive))
          .returning({ id: labels.id }),
      ),
    ),
  );
  return row?.deleted != null;
}

export type LabelingResult = TaskWithLabels | "task_not_found" | "label_not_found";

/**
 * Attaches or detaches one of the person's labels on one of their tasks, idempotently, and answers
 * the task as it is afterwards. One statement: the pair is found only when both are the person's
 * (`pair`), the link is written or removed for that pair, and the task is touched (`updated_at`,
 * which orders live updates) and returned with its labels. Its RETURNING reads task_labels as the
 * statement began, so the label's own change is applied to the list it returns.
 */
export async function changeTaskLabel(
  db: Database,
  caller: Caller,
  taskId: string,
  labelId: string,
  change: "attach" | "detach",
): Promise<LabelingResult> {
  const [row] = await withLiveSession(db, caller, (live) => {
    const task = db.$with("own_task").as(db.select({ id: tasks.id }).from(tasks).where(ownTask(live, taskId)));
    const label = db.$with("own_label").as(db.select({ id: labels.id }).from(labels).where(ownLabel(live, labelId)));
    const pairFound = sql`exists (select 1 from ${task}) and exists (select 1 from ${label}) and ${live.isLive}`;
    const link =
      change === "attach"
        ? db.$with("link").as(
            db
              .insert(taskLabels)
              .select(
                db
                  .select({
                    taskId: sql<string>`${taskId}::uuid`.as("task_id"),
                    labelId: sql<string>`${labelId}::uuid`.as("label_id"),
                  })
                  .from(sql`(select 1) as one`)
                  .where(pairFound),
              )
              .onConflictDoNothing()
              .returning({ taskId: taskLabels.taskId }),
          )
        : db.$with("link").as(
            db
              .delete(taskLabels)
              .where(and(eq(taskLabels.taskId, taskId), eq(taskLabels.labelId, labelId), pairFound))
              .returning({ taskId: taskLabels.taskId }),
          );
    const others = sql`array(select ${taskLabels.labelId}::text from ${taskLabels} where ${taskLabels.taskId} = ${tasks.id} and ${taskLabels.labelId} <> ${labelId}::uuid)`;
    const afterwards =
      change === "attach"
        ? sql<string[]>`array(select unnest(${others} || ${labelId}::text) order by 1)`
        : sql<string[]>`array(select unnest(${others}) order by 1)`;
    const touched = db.$with("touched").as(
      db
        .update(tasks)
        .set({ updatedAt: sql`now()` })
        .where(and(eq(tasks.id, taskId), pairFound))
        .returning({ ...taskWithLabels, labelIds: afterwards.as("label_ids") }),
    );
    const found = db.$with("found").as(
      db
        .select({
          task: sql<boolean>`exists (select 1 from ${task})`.as("task_found"),
          label: sql<boolean>`exists (select 1 from ${label})`.as("label_found"),
          // Referenced so that the write is part of what the statement answers.
          links: sql<number>`(select count(*) from ${link})::int`.as("links"),
        })
        .from(live.cte),
    );
    return (
      db
        .with(live.cte, task, label, link, touched, found)
        .select()
        .from(live.cte)
        .innerJoin(found, sql`true`)
        // The cast as in live-session.ts's `written`: drizzle cannot see the RETURNING of a CTE'd write.
        .leftJoin<typeof touched>(touched as never, sql`true`)
    );
  });
  if (!row?.found.task) return "task_not_found";
  if (!row.found.label) return "label_not_found";
  if (!row.touched) throw new Error("UPDATE … RETURNING returned no row for a found task");
  return row.touched;
}
