/**
 * Task queries. Each is one statement built on the caller's live session (live-session.ts): it
 * checks the session, keeps to the caller's own tasks and does the work in one database round
 * trip, writes nothing once the session has ended, and leaves nothing half-written if it fails.
 */
import { and, asc, desc, eq, gt, lt, type SQL, sql } from "drizzle-orm";
import { type Task, tasks } from "../../../drizzle/schema.ts";
import type { Database } from "../db.ts";
import type { TaskCursor } from "../lib/cursor.ts";
import type { TaskCreate, TaskListQuery, TaskUpdate } from "../schemas/task.ts";
import { type Caller, type LiveSession, withLiveSession } from "./live-session.ts";

export type { Task };

export type TaskListOptions = Omit<TaskListQuery, "cursor"> & { after?: TaskCursor };

/** One page of a user's tasks plus one extra row, which tells the caller whether more remain. */
export async function listTasks(db: Database, caller: Caller, options: TaskListOptions): Promise<Task[]> {
  const rows = await withLiveSession(db, caller, (live) => {
    const filters: (SQL | undefined)[] = [live.owns(tasks.userId)];
    if (options.status !== "all") filters.push(eq(tasks.completed, options.status === "completed"));
    if (options.after) {
      // Row comparison keeps the page boundary exact when several tasks share a created_at.
      const after = sql`(${options.after.createdAt.toISOString()}::timestamptz, ${options.after.id}::uuid)`;
      const position = sql`(${tasks.createdAt}, ${tasks.id})`;
      filters.push(options.order === "asc" ? gt(position, after) : lt(position, after));
    }
    const direction = options.order === "asc" ? asc : desc;
    return live
      .select({ task: tasks })
      .leftJoin(tasks, and(...filters))
      .orderBy(direction(tasks.createdAt), direction(tasks.id))
      .limit(options.limit + 1);
  });
  return rows.flatMap((row) => (row.task ? [row.task] : []));
}

export type TaskSummary = { total: number; pending: number; completed: number };

/** The dashboard's counts in one aggregate query (the list itself is paginated). */
export async function summarizeTasks(db: Database, caller: Caller): Promise<TaskSummary> {
  const [row] = await withLiveSession(db, caller, (live) =>
    live
      .select({
        total: sql<number>`count(${tasks.id})::int`,
        completed: sql<number>`(count(*) filter (where ${tasks.completed}))::int`,
      })
      .leftJoin(tasks, live.owns(tasks.userId))
      // Grouped by the session's row: no group, so no row, once it has ended.
      .groupBy(live.cte.live),
  );
  const total = Number(row?.total);
  const completed = Number(row?.completed);
  return { total, pending: total - completed, completed };
}

/** A task's own row, reachable only through its owner (the filter every statement applies). */
const ownTask = (live: LiveSession, id: string) => and(eq(tasks.id, id), live.owns(tasks.userId));

export async function getTask(db: Database, caller: Caller, id: string): Promise<Task | null> {
  const [row] = await withLiveSession(db, caller, (live) => live.select({ task: tasks }).leftJoin(tasks, ownTask(live, id)));
  return row?.task ?? null;
}

/** The owner's id comes from the live session, so an ended session inserts nothing. */
export async function createTask(db: Database, caller: Caller, input: TaskCreate): Promise<Task> {
  const [row] = await withLiveSession(db, caller, (live) => {
    const insert = db
      .insert(tasks)
      .values({ userId: live.ownerId, title: input.title, description: input.description ?? null })
      .returning();
    return live.written(db.$with("created").as(insert));
  });
  if (!row?.created) throw new Error("INSERT … RETURNING returned no row");
  return row.created;
}

/**
 * Runs `change` (an UPDATE or DELETE … RETURNING of the caller's task, guarded by the live
 * session) in a CTE, and selects FROM the live session LEFT JOIN its result: one statement.
 */
async function changeOwnTask(db: Database, caller: Caller, id: string, change: "toggle" | "delete" | TaskUpdate) {
  const [row] = await withLiveSession(db, caller, (live) => {
    const guard = and(ownTask(live, id), live.isLive);
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
    return live.written(db.$with("changed").as(statement));
  });
  return row?.changed ?? null;
}

export const updateTask = (db: Database, caller: Caller, id: string, patch: TaskUpdate) => changeOwnTask(db, caller, id, patch);

/** Flips `completed` in the database itself, so concurrent toggles never read a stale value. */
export const toggleTask = (db: Database, caller: Caller, id: string) => changeOwnTask(db, caller, id, "toggle");

export async function deleteTask(db: Database, caller: Caller, id: string): Promise<boolean> {
  return (await changeOwnTask(db, caller, id, "delete")) !== null;
}
