/**
 * A task created at most once per `Idempotency-Key`: one statement (one round trip, like every
 * route) that claims the key, inserts the task only if the claim succeeded, and otherwise reads
 * the key's first answer. Its common table expressions, in order:
 *
 * - `live_session`: the caller's session check (live-session.ts); no row once it has ended, and
 *   then nothing below writes.
 * - `new_task`: the task's row, built once (its id and timestamps too), so that the row inserted
 *   and the answer stored with the key are the same row.
 * - `claimed`: INSERT of the key with that answer. A key already there and still inside the window
 *   conflicts and claims nothing (ON CONFLICT … DO UPDATE … WHERE: only a key past the window is
 *   taken over). The primary key serialises two requests racing with one key.
 * - `created`: INSERT of the task, only when `claimed` returned a row.
 * - `previous`: the key's stored answer, if it is inside the window (read in the statement's
 *   snapshot, so it is empty when the key is new, or when a request with the same key committed
 *   while this one waited on it: see `in_progress` below).
 */
import { and, eq, exists, gt, lte, sql } from "drizzle-orm";
import { IDEMPOTENCY_WINDOW_HOURS } from "../../../drizzle/limits.ts";
import { idempotencyKeys, type Task, tasks } from "../../../drizzle/schema.ts";
import type { Database } from "../db.ts";
import type { TaskCreate } from "../schemas/task.ts";
import { type Caller, type LiveSession, withPreparedLiveSession } from "./live-session.ts";
import { positionAfter } from "./position-after.ts";
import { lastPosition, newTaskValues } from "./tasks.ts";

export type IdempotencyClaim = { key: string; requestHash: string };

export type IdempotentOutcome =
  /** The key was new (or past its window): the task was written now. */
  | { kind: "created"; task: Task }
  /** The key's first request wrote this task; nothing was written now. */
  | { kind: "replayed"; task: Task }
  /** The key was first used with another request (another body): nothing was written. */
  | { kind: "key_reused" }
  /** Another request with this key committed while this one ran: nothing was written; retry. */
  | { kind: "in_progress" };

const WINDOW_START = sql.raw(`now() - interval '${IDEMPOTENCY_WINDOW_HOURS} hours'`);

/** The one statement, prepared once per isolate (prepared-statements.ts): the caller, the task and the key are values. */
function createOnceStatement(db: Database, live: LiveSession) {
  const value = sql.placeholder;
  const newTask = db.$with("new_task").as(
    db
      .select({
        id: sql<string>`gen_random_uuid()`.as("id"),
        userId: sql<string>`${live.cte.userId}`.as("user_id"),
        title: sql<string>`${value("title")}::text`.as("title"),
        description: sql<string | null>`${value("description")}::text`.as("description"),
        completed: sql<boolean>`false`.as("completed"),
        // The column's precision, so that the stored answer and the row agree to the millisecond.
        createdAt: sql<Date>`now()::timestamptz(3)`.as("created_at"),
        updatedAt: sql<Date>`now()::timestamptz(3)`.as("updated_at"),
        dueAt: sql<Date | null>`${value("due_at")}::timestamptz(3)`.as("due_at"),
        dueAllDay: sql<boolean>`${value("due_all_day")}::boolean`.as("due_all_day"),
        priority: sql<number>`${value("priority")}::smallint`.as("priority"),
        completedAt: sql<Date | null>`null::timestamptz(3)`.as("completed_at"),
        position: sql<string | null>`${positionAfter(lastPosition(live.cte.userId))}`.as("position"),
      })
      .from(live.cte),
  );
  const claimed = db.$with("claimed").as(
    db
      .insert(idempotencyKeys)
      .select(
        db
          .select({
            userId: newTask.userId,
            key: sql<string>`${value("key")}::text`.as("key"),
            requestHash: sql<string>`${value("request_hash")}::text`.as("request_hash"),
            response: sql`to_jsonb(${newTask})`.as("response"),
            createdAt: sql<Date>`now()`.as("claimed_at"),
          })
          .from(newTask),
      )
      .onConflictDoUpdate({
        target: [idempotencyKeys.userId, idempotencyKeys.key],
        set: {
          requestHash: sql`excluded.request_hash`,
          response: sql`excluded.response`,
          createdAt: sql`excluded.created_at`,
        },
        setWhere: lte(idempotencyKeys.createdAt, WINDOW_START),
      })
      .returning({ key: idempotencyKeys.key }),
  );
  const created = db.$with("created").as(
    db
      .insert(tasks)
      .select(
        db
          .select({
            id: newTask.id,
            userId: newTask.userId,
            title: newTask.title,
            description: newTask.description,
            completed: newTask.completed,
            createdAt: newTask.createdAt,
            updatedAt: newTask.updatedAt,
            dueAt: newTask.dueAt,
            dueAllDay: newTask.dueAllDay,
            priority: newTask.priority,
            completedAt: newTask.completedAt,
            position: newTask.position,
          })
          .from(newTask)
          .where(exists(db.select({ key: claimed.key }).from(claimed))),
      )
      .returning(),
  );
  const previous = db.$with("previous").as(
    db
      .select({ requestHash: idempotencyKeys.requestHash, response: idempotencyKeys.response })
      .from(idempotencyKeys)
      .where(
        and(
          live.owns(idempotencyKeys.userId),
          eq(idempotencyKeys.key, value("key")),
          gt(idempotencyKeys.createdAt, WINDOW_START),
        ),
      ),
  );
  return (
    db
      .with(live.cte, newTask, claimed, created, previous)
      .select()
      .from(live.cte)
      // The cast as in live-session.ts's `written`: drizzle cannot see the RETURNING of a CTE'd write.
      .leftJoin<typeof created>(created as never, sql`true`)
      .leftJoin(previous, sql`true`)
  );
}

export async function createTaskOnce(
  db: Database,
  caller: Caller,
  input: TaskCreate,
  claim: IdempotencyClaim,
): Promise<IdempotentOutcome> {
  const [row] = await withPreparedLiveSession(db, caller, {
    name: "task_create_once",
    build: (live) => createOnceStatement(db, live),
    values: { ...newTaskValues(input), key: claim.key, request_hash: claim.requestHash },
  });
  if (row?.created) return { kind: "created", task: row.created };
  if (!row?.previous) return { kind: "in_progress" };
  if (row.previous.requestHash !== claim.requestHash) return { kind: "key_reused" };
  return { kind: "replayed", task: taskFromStoredRow(row.previous.response) };
}

const dateOrNull = (value: unknown) => (value === null || value === undefined ? null : new Date(String(value)));

/**
 * A task row as `to_jsonb` stored it (column names, timestamps as ISO strings), back as a `Task`.
 * Answers stored by the release before due dates lack those fields: they read as their defaults.
 */
function taskFromStoredRow(stored: unknown): Task {
  const row = stored as Record<string, unknown>;
  return {
    dueAt: dateOrNull(row.due_at),
    dueAllDay: row.due_all_day === true,
    priority: typeof row.priority === "number" ? row.priority : 0,
    completedAt: dateOrNull(row.completed_at),
    position: typeof row.position === "string" ? row.position : null,
    id: String(row.id),
    userId: String(row.user_id),
    title: String(row.title),
    description: row.description === null ? null : String(row.description),
    completed: row.completed === true,
    createdAt: new Date(String(row.created_at)),
    updatedAt: new Date(String(row.updated_at)),
  };
}
