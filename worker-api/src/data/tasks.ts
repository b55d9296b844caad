/**
 * Task queries. Each is one statement built on the caller's live session (live-session.ts): it
 * checks the session, keeps to the caller's own tasks and does the work in one database round
 * trip, writes nothing once the session has ended, and leaves nothing half-written if it fails.
 * The list is in task-list.ts.
 */
import { and, eq, getTableColumns, type SQLWrapper, sql } from "drizzle-orm";
import { TASK_PRIORITIES } from "../../../drizzle/limits.ts";
import { type Task, taskLabels, tasks } from "../../../drizzle/schema.ts";
import type { Database } from "../db.ts";
import type { TaskCreate, TaskUpdate } from "../schemas/task.ts";
import { deleteKeepingCopies } from "./deleted-tasks.ts";
import { type Caller, type LiveSession, withLiveSession, withPreparedLiveSession } from "./live-session.ts";
import { positionAfter } from "./position-after.ts";

export type { Task };

/** A task with the ids of its labels, as every route answers it. */
export type TaskWithLabels = Task & { labelIds: string[] };

/** The ids of the task's labels (text, so that both transports parse them alike), for a SELECT or RETURNING. */
export const labelIdsOfTask = sql<
  string[]
>`array(select ${taskLabels.labelId}::text from ${taskLabels} where ${taskLabels.taskId} = ${tasks.id} order by 1)`;

/** Every column of a task and its label ids. */
export const taskWithLabels = { ...getTableColumns(tasks), labelIds: labelIdsOfTask.as("label_ids") };

export const priorityNumber = (priority: (typeof TASK_PRIORITIES)[number]) => TASK_PRIORITIES.indexOf(priority);

/** The greatest position among the owner's tasks: new tasks go after it. */
export const lastPosition = (ownerId: SQLWrapper) =>
  sql`(select max(${tasks.position}) from ${tasks} where ${tasks.userId} = ${ownerId})`;

/** A task's own row, reachable only through its owner (the filter every statement applies). */
export const ownTask = (live: LiveSession, id: string) => and(eq(tasks.id, id), live.owns(tasks.userId));

export async function getTask(db: Database, caller: Caller, id: string): Promise<TaskWithLabels | null> {
  const [row] = await withLiveSession(db, caller, (live) =>
    live.select({ task: tasks, labelIds: labelIdsOfTask }).leftJoin(tasks, ownTask(live, id)),
  );
  return row?.task ? { ...row.task, labelIds: row.labelIds } : null;
}

/** The owner's id comes from the live session, so an ended session inserts nothing. */
/**
 * A new task's values, for the placeholders of the create statements (here and
 * idempotent-create.ts), which are prepared once per isolate (prepared-statements.ts).
 */
export const newTaskValues = (input: TaskCreate) => ({
  title: input.title,
  description: input.description ?? null,
  due_at: input.due?.at.toISOString() ?? null,
  due_all_day: input.due?.allDay ?? false,
  priority: priorityNumber(input.priority ?? "none"),
});

function createStatement(db: Database, live: LiveSession) {
  const insert = db
    .insert(tasks)
    .values({
      userId: live.ownerId,
      title: sql.placeholder("title"),
      description: sql.placeholder("description"),
      dueAt: sql`${sql.placeholder("due_at")}::timestamptz`,
      dueAllDay: sql.placeholder("due_all_day"),
      priority: sql.placeholder("priority"),
      position: positionAfter(lastPosition(live.ownerId)),
    })
    .returning();
  return live.written(db.$with("created").as(insert));
}

export async function createTask(db: Database, caller: Caller, input: TaskCreate): Promise<TaskWithLabels> {
  const [row] = await withPreparedLiveSession(db, caller, {
    name: "task_create",
    build: (live) => createStatement(db, live),
    values: newTaskValues(input),
  });
  if (!row?.created) throw new Error("INSERT … RETURNING returned no row");
  return { ...row.created, labelIds: [] };
}

/** A move: the task's new key in the manual order (schemas/position.ts). */
type Move = { position: string };

/** The columns an update sets; `completed_at` follows `completed` in the same statement. */
function updatedColumns(change: TaskUpdate | Move) {
  if ("position" in change) return { position: change.position, updatedAt: sql`now()` };
  return {
    updatedAt: sql`now()`,
    ...(change.title === undefined ? {} : { title: change.title }),
    ...(change.description === undefined ? {} : { description: change.description }),
    ...(change.completed === undefined
      ? {}
      : {
          completed: change.completed,
          // Completing a completed task keeps when it was done.
          completedAt: change.completed
            ? sql`case when ${tasks.completed} then coalesce(${tasks.completedAt}, now()) else now() end`
            : null,
        }),
    ...(change.due === undefined ? {} : { dueAt: change.due?.at ?? null, dueAllDay: change.due?.allDay ?? false }),
    ...(change.priority === undefined ? {} : { priority: priorityNumber(change.priority) }),
  };
}

/**
 * Runs `change` (an UPDATE or DELETE … RETURNING of the caller's task, guarded by the live
 * session) in a CTE, and selects FROM the live session LEFT JOIN its result: one statement.
 */
async function changeOwnTask(db: Database, caller: Caller, id: string, change: "toggle" | TaskUpdate | Move) {
  const [row] = await withLiveSession(db, caller, (live) => {
    const guard = and(ownTask(live, id), live.isLive);
    const set =
      change === "toggle"
        ? {
            completed: sql`not ${tasks.completed}`,
            completedAt: sql`case when ${tasks.completed} then null else now() end`,
            updatedAt: sql`now()`,
          }
        : updatedColumns(change);
    const statement = db.update(tasks).set(set).where(guard).returning(taskWithLabels);
    return live.written(db.$with("changed").as(statement));
  });
  return row?.changed ?? null;
}

export const updateTask = (db: Database, caller: Caller, id: string, patch: TaskUpdate) => changeOwnTask(db, caller, id, patch);

/**
 * Moves the task in the manual order: one row written, its key only (and `updated_at`, which
 * orders live updates). Two moves into the same gap may write the same key; the list orders equal
 * keys by id, so neither task is lost or shown twice.
 */
export const moveTask = (db: Database, caller: Caller, id: string, position: string) =>
  changeOwnTask(db, caller, id, { position });

/** Flips `completed` (and sets or clears `completed_at`) in the database itself, so concurrent toggles never read a stale value. */
export const toggleTask = (db: Database, caller: Caller, id: string) => changeOwnTask(db, caller, id, "toggle");

/**
 * Deletes the task and keeps a copy for Undo (deleted-tasks.ts), in one statement: `gone` deletes,
 * `kept` copies, and the answer is FROM the live session LEFT JOIN `gone`.
 */
export async function deleteTask(db: Database, caller: Caller, id: string): Promise<boolean> {
  const [row] = await withLiveSession(db, caller, (live) => {
    const { gone, kept } = deleteKeepingCopies(db, and(ownTask(live, id), live.isLive));
    return db.with(live.cte, gone, kept).select({ deleted: gone.id }).from(live.cte).leftJoin(gone, sql`true`);
  });
  return row?.deleted != null;
}
