/**
 * Task queries. Every one filters by the owner's id as well as the task's, and each is a single
 * statement: one database round trip per route, and nothing half-written if it fails.
 */
import { and, asc, desc, eq, gt, lt, type SQL, sql } from "drizzle-orm";
import { type Task, tasks } from "../../../drizzle/schema.ts";
import type { Database } from "../db.ts";
import type { TaskCursor } from "../lib/cursor.ts";
import type { TaskCreate, TaskListQuery, TaskUpdate } from "../schemas/task.ts";

export type { Task };

export type TaskListOptions = Omit<TaskListQuery, "cursor"> & { after?: TaskCursor };

/** One page of a user's tasks plus one extra row, which tells the caller whether more remain. */
export async function listTasks(db: Database, userId: string, options: TaskListOptions): Promise<Task[]> {
  const filters: (SQL | undefined)[] = [eq(tasks.userId, userId)];
  if (options.status !== "all") filters.push(eq(tasks.completed, options.status === "completed"));
  if (options.after) {
    // Row comparison keeps the page boundary exact when several tasks share a created_at.
    const after = sql`(${options.after.createdAt.toISOString()}::timestamptz, ${options.after.id}::uuid)`;
    const position = sql`(${tasks.createdAt}, ${tasks.id})`;
    filters.push(options.order === "asc" ? gt(position, after) : lt(position, after));
  }
  const direction = options.order === "asc" ? asc : desc;
  return db
    .select()
    .from(tasks)
    .where(and(...filters))
    .orderBy(direction(tasks.createdAt), direction(tasks.id))
    .limit(options.limit + 1);
}

export type TaskSummary = { total: number; pending: number; completed: number };

/** The dashboard's counts in one aggregate query (the list itself is paginated). */
export async function summarizeTasks(db: Database, userId: string): Promise<TaskSummary> {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      completed: sql<number>`(count(*) filter (where ${tasks.completed}))::int`,
    })
    .from(tasks)
    .where(eq(tasks.userId, userId));
  const total = Number(row?.total ?? 0);
  const completed = Number(row?.completed ?? 0);
  return { total, pending: total - completed, completed };
}

export async function getTask(db: Database, userId: string, id: string): Promise<Task | null> {
  const [task] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)));
  return task ?? null;
}

export async function createTask(db: Database, userId: string, input: TaskCreate): Promise<Task> {
  const [task] = await db
    .insert(tasks)
    .values({ userId, title: input.title, description: input.description ?? null })
    .returning();
  if (!task) throw new Error("INSERT … RETURNING returned no row");
  return task;
}

export async function updateTask(db: Database, userId: string, id: string, patch: TaskUpdate): Promise<Task | null> {
  const [task] = await db
    .update(tasks)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
    .returning();
  return task ?? null;
}

/** Flips `completed` in the database itself, so concurrent toggles never read a stale value. */
export async function toggleTask(db: Database, userId: string, id: string): Promise<Task | null> {
  const [task] = await db
    .update(tasks)
    .set({ completed: sql`not ${tasks.completed}`, updatedAt: sql`now()` })
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
    .returning();
  return task ?? null;
}

export async function deleteTask(db: Database, userId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
    .returning({ id: tasks.id });
  return deleted.length > 0;
}
