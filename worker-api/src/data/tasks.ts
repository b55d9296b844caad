/**
 * Task queries. Every one filters by the owner's id as well as the task's, and each is a single
 * statement that also checks the caller's session (see sessions.ts): one database round trip per
 * route, no write once the session has ended, and nothing half-written if it fails.
 */
import { and, asc, desc, eq, gt, lt, type SQL, sql } from "drizzle-orm";
import { type Task, tasks } from "../../../drizzle/schema.ts";
import { sqlState } from "../../../drizzle/sql-state.ts";
import type { Database } from "../db.ts";
import type { TaskCursor } from "../lib/cursor.ts";
import type { TaskCreate, TaskListQuery, TaskUpdate } from "../schemas/task.ts";
import { assertLive, type Caller, liveSession, liveSessionUserId, SessionEndedError } from "./sessions.ts";

export type { Task };

export type TaskListOptions = Omit<TaskListQuery, "cursor"> & { after?: TaskCursor };

/** One page of a user's tasks plus one extra row, which tells the caller whether more remain. */
export async function listTasks(db: Database, caller: Caller, options: TaskListOptions): Promise<Task[]> {
  const filters: (SQL | undefined)[] = [eq(tasks.userId, caller.userId)];
  if (options.status !== "all") filters.push(eq(tasks.completed, options.status === "completed"));
  if (options.after) {
    // Row comparison keeps the page boundary exact when several tasks share a created_at.
    const after = sql`(${options.after.createdAt.toISOString()}::timestamptz, ${options.after.id}::uuid)`;
    const position = sql`(${tasks.createdAt}, ${tasks.id})`;
    filters.push(options.order === "asc" ? gt(position, after) : lt(position, after));
  }
  const direction = options.order === "asc" ? asc : desc;
  const live = liveSession(db, caller);
  const rows = await db
    .with(live)
    .select({ task: tasks })
    .from(live)
    .leftJoin(tasks, and(...filters))
    .orderBy(direction(tasks.createdAt), direction(tasks.id))
    .limit(options.limit + 1);
  assertLive(rows);
  return rows.flatMap((row) => (row.task ? [row.task] : []));
}

export type TaskSummary = { total: number; pending: number; completed: number };

/** The dashboard's counts in one aggregate query (the list itself is paginated). */
export async function summarizeTasks(db: Database, caller: Caller): Promise<TaskSummary> {
  const live = liveSession(db, caller);
  const [row] = await db
    .with(live)
    .select({
      // An aggregate always returns a row: count the session's row to know whether it is live.
      live: sql<number>`count(${live.live})::int`,
      total: sql<number>`count(${tasks.id})::int`,
      completed: sql<number>`(count(*) filter (where ${tasks.completed}))::int`,
    })
    .from(live)
    .leftJoin(tasks, eq(tasks.userId, caller.userId));
  if (!row || Number(row.live) === 0) throw new SessionEndedError();
  const total = Number(row.total);
  const completed = Number(row.completed);
  return { total, pending: total - completed, completed };
}

/** A task's own row, reachable only through its owner's id (the filter every statement applies). */
const ownTask = (caller: Caller, id: string) => and(eq(tasks.id, id), eq(tasks.userId, caller.userId));

export async function getTask(db: Database, caller: Caller, id: string): Promise<Task | null> {
  const live = liveSession(db, caller);
  const rows = await db.with(live).select({ task: tasks }).from(live).leftJoin(tasks, ownTask(caller, id));
  assertLive(rows);
  return rows[0]?.task ?? null;
}

const NOT_NULL_VIOLATION = "23502";

/** One statement: the owner's id comes from the live session, so an ended session inserts nothing. */
export async function createTask(db: Database, caller: Caller, input: TaskCreate): Promise<Task> {
  try {
    const [task] = await db
      .insert(tasks)
      .values({ userId: liveSessionUserId(db, caller), title: input.title, description: input.description ?? null })
      .returning();
    if (!task) throw new Error("INSERT … RETURNING returned no row");
    return task;
  } catch (error) {
    // Title and description are validated before this point: only user_id can be NULL here.
    if (sqlState(error) === NOT_NULL_VIOLATION) throw new SessionEndedError({ cause: error });
    throw error;
  }
}

/**
 * Runs `change` (an UPDATE or DELETE … RETURNING of the caller's task, guarded by the live
 * session) in a CTE, and selects FROM the live session LEFT JOIN its result: one statement.
 */
async function changeOwnTask(db: Database, caller: Caller, id: string, change: "toggle" | "delete" | TaskUpdate) {
  const live = liveSession(db, caller);
  const guard = and(ownTask(caller, id), sql`exists (select 1 from ${live})`);
  const statement =
    change === "delete"
      ? db.delete(tasks).where(guard).returning()
      : db
          .update(tasks)
          .set(
            change === "toggle"
              ? { completed: sql`not ${tasks.completed}`, updatedAt: sql`now()` }
              : { ...change, updatedAt: sql`now()` },
          )
          .where(guard)
          .returning();
  const changed = db.$with("changed").as(statement);
  const rows = await db.with(live, changed).select().from(live).leftJoin(changed, sql`true`);
  assertLive(rows);
  return rows[0]?.changed ?? null;
}

export const updateTask = (db: Database, caller: Caller, id: string, patch: TaskUpdate) => changeOwnTask(db, caller, id, patch);

/** Flips `completed` in the database itself, so concurrent toggles never read a stale value. */
export const toggleTask = (db: Database, caller: Caller, id: string) => changeOwnTask(db, caller, id, "toggle");

export async function deleteTask(db: Database, caller: Caller, id: string): Promise<boolean> {
  return (await changeOwnTask(db, caller, id, "delete")) !== null;
}
