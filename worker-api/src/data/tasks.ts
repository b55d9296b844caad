/**
 * Task queries. Each is one statement built on the caller's live session (live-session.ts): it
 * checks the session, keeps to the caller's own tasks and does the work in one database round
 * trip, writes nothing once the session has ended, and leaves nothing half-written if it fails.
 * The list is in task-list.ts.
 */
import { and, eq, getTableColumns, type Placeholder, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { TASK_PRIORITIES } from "../../../drizzle/limits.ts";
import { type Task, taskLabels, tasks } from "../../../drizzle/schema.ts";
import type { Database } from "../db.ts";
import type { TaskCreate, TaskUpdate } from "../schemas/task.ts";
import { deleteKeepingCopies } from "./deleted-tasks.ts";
import { type Caller, type LiveSession, withPreparedLiveSession } from "./live-session.ts";
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
export const ownTask = (live: LiveSession, id: string | Placeholder) => and(eq(tasks.id, id), live.owns(tasks.userId));

/** The task a one-task statement acts on, a placeholder: those statements are prepared once per isolate. */
const THE_TASK = sql.placeholder("task_id");

export async function getTask(db: Database, caller: Caller, id: string): Promise<TaskWithLabels | null> {
  const [row] = await withPreparedLiveSession(db, caller, {
    name: "task_get",
    build: (live) => live.select({ task: tasks, labelIds: labelIdsOfTask }).leftJoin(tasks, ownTask(live, THE_TASK)),
    values: { task_id: id },
  });
  return row?.task ? { ...row.task, labelIds: row.labelIds } : null;
}

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

/** The owner's id comes from the live session, so an ended session inserts nothing. */
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

/**
 * The columns a change sets, as placeholders, and their values. The statement's text depends only
 * on which columns it sets (and, for `completed`, which way), which is the change's `shape`.
 */
function changedColumns(change: "toggle" | TaskUpdate | Move) {
  // In `sql`: drizzle types an UPDATE's SET without placeholders, and runs them inside SQL alike.
  const value = (name: string) => sql`${sql.placeholder(name)}`;
  if (change === "toggle") {
    const set = {
      completed: sql`not ${tasks.completed}`,
      completedAt: sql`case when ${tasks.completed} then null else now() end`,
      updatedAt: sql`now()`,
    };
    return { shape: "toggle", set, values: {} };
  }
  if ("position" in change) {
    return { shape: "move", set: { position: value("position"), updatedAt: sql`now()` }, values: { position: change.position } };
  }
  const set: Record<string, SQL | boolean | null> = { updatedAt: sql`now()` };
  const values: Record<string, unknown> = {};
  if (change.title !== undefined) {
    set.title = value("title");
    values.title = change.title;
  }
  if (change.description !== undefined) {
    set.description = value("description");
    values.description = change.description;
  }
  if (change.completed !== undefined) {
    set.completed = change.completed;
    // Completing a completed task keeps when it was done.
    set.completedAt = change.completed
      ? sql`case when ${tasks.completed} then coalesce(${tasks.completedAt}, now()) else now() end`
      : null;
  }
  if (change.due !== undefined) {
    set.dueAt = sql`${value("due_at")}::timestamptz`;
    set.dueAllDay = value("due_all_day");
    values.due_at = change.due?.at.toISOString() ?? null;
    values.due_all_day = change.due?.allDay ?? false;
  }
  if (change.priority !== undefined) {
    set.priority = value("priority");
    values.priority = priorityNumber(change.priority);
  }
  // `completed` is written as a constant (it decides `completed_at` too), so its value is part of the shape.
  const shape = Object.keys(set)
    .map((column) => (column === "completed" ? `completed=${change.completed}` : column))
    .join(",");
  return { shape, set, values };
}

/**
 * Runs `change` (an UPDATE … RETURNING of the caller's task, guarded by the live session) in a
 * CTE, and selects FROM the live session LEFT JOIN its result: one statement.
 */
async function changeOwnTask(db: Database, caller: Caller, id: string, change: "toggle" | TaskUpdate | Move) {
  const { shape, set, values } = changedColumns(change);
  const [row] = await withPreparedLiveSession(db, caller, {
    name: "task_change",
    shape,
    build: (live) => {
      const statement = db
        .update(tasks)
        .set(set)
        .where(and(ownTask(live, THE_TASK), live.isLive))
        .returning(taskWithLabels);
      return live.written(db.$with("changed").as(statement));
    },
    values: { ...values, task_id: id },
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
  const [row] = await withPreparedLiveSession(db, caller, {
    name: "task_delete",
    build: (live) => {
      const { gone, kept } = deleteKeepingCopies(db, and(ownTask(live, THE_TASK), live.isLive));
      return db.with(live.cte, gone, kept).select({ deleted: gone.id }).from(live.cte).leftJoin(gone, sql`true`);
    },
    values: { task_id: id },
  });
  return row?.deleted != null;
}
