/**
 * Task queries. Every one filters by the owner's id as well as the task's, and each runs in one
 * database round trip together with the caller's session check (see sessions.ts): a batch of the
 * check and one statement, or, for a create, the statement alone. A write never lands once the
 * session has ended, and nothing is half-written if a statement fails.
 */
import { and, asc, desc, eq, gt, lt, type SQL, sql } from "drizzle-orm";
import { type Task, tasks } from "../../../drizzle/schema.ts";
import type { Database } from "../db.ts";
import { sqlState } from "../errors.ts";
import type { TaskCursor } from "../lib/cursor.ts";
import type { TaskCreate, TaskListQuery, TaskUpdate } from "../schemas/task.ts";
import { assertLive, type Caller, liveSessionUserId, SessionEndedError, sessionCheck, whileSessionLive } from "./sessions.ts";

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
  const [live, rows] = await db.batch([
    sessionCheck(db, caller),
    db
      .select()
      .from(tasks)
      .where(and(...filters))
      .orderBy(direction(tasks.createdAt), direction(tasks.id))
      .limit(options.limit + 1),
  ]);
  assertLive(live);
  return rows;
}

export type TaskSummary = { total: number; pending: number; completed: number };

/** The dashboard's counts in one aggregate query (the list itself is paginated). */
export async function summarizeTasks(db: Database, caller: Caller): Promise<TaskSummary> {
  const [live, [row]] = await db.batch([
    sessionCheck(db, caller),
    db
      .select({
        total: sql<number>`count(*)::int`,
        completed: sql<number>`(count(*) filter (where ${tasks.completed}))::int`,
      })
      .from(tasks)
      .where(eq(tasks.userId, caller.userId)),
  ]);
  assertLive(live);
  const total = Number(row?.total ?? 0);
  const completed = Number(row?.completed ?? 0);
  return { total, pending: total - completed, completed };
}

/** A task's own row, reachable only through its owner's id (the filter every statement applies). */
const ownTask = (caller: Caller, id: string) => and(eq(tasks.id, id), eq(tasks.userId, caller.userId));

export async function getTask(db: Database, caller: Caller, id: string): Promise<Task | null> {
  const [live, [task]] = await db.batch([sessionCheck(db, caller), db.select().from(tasks).where(ownTask(caller, id))]);
  assertLive(live);
  return task ?? null;
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
    if (sqlState(error) === NOT_NULL_VIOLATION) throw new SessionEndedError("The session has ended.", { cause: error });
    throw error;
  }
}

export async function updateTask(db: Database, caller: Caller, id: string, patch: TaskUpdate): Promise<Task | null> {
  const [live, [task]] = await db.batch([
    sessionCheck(db, caller),
    db
      .update(tasks)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(and(ownTask(caller, id), whileSessionLive(db, caller)))
      .returning(),
  ]);
  assertLive(live);
  return task ?? null;
}

/** Flips `completed` in the database itself, so concurrent toggles never read a stale value. */
export async function toggleTask(db: Database, caller: Caller, id: string): Promise<Task | null> {
  const [live, [task]] = await db.batch([
    sessionCheck(db, caller),
    db
      .update(tasks)
      .set({ completed: sql`not ${tasks.completed}`, updatedAt: sql`now()` })
      .where(and(ownTask(caller, id), whileSessionLive(db, caller)))
      .returning(),
  ]);
  assertLive(live);
  return task ?? null;
}

export async function deleteTask(db: Database, caller: Caller, id: string): Promise<boolean> {
  const [live, deleted] = await db.batch([
    sessionCheck(db, caller),
    db
      .delete(tasks)
      .where(and(ownTask(caller, id), whileSessionLive(db, caller)))
      .returning({ id: tasks.id }),
  ]);
  assertLive(live);
  return deleted.length > 0;
}
