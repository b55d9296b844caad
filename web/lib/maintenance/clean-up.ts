/**
 * The scheduled clean-up: deletes the rows that only pile up otherwise.
 * - `session`: expired (Better Auth refuses them anyway; a sign-out deletes its own row already);
 * - `verification`: expired reset, verification and e-mail-change links (a used one is deleted
 *   when it is used);
 * - `rate_limit`: rows whose window ended long ago (one per address and path: an attacker
 *   rotating IPv6 addresses adds them without bound);
 * - `jwks`: signing keys past their grace period, never the newest key;
 * - `idempotency_keys`: keys past their window (a create's retry after it makes a new task anyway);
 * - `account_event`: security events older than the 90 days Settings → Activity shows;
 * - `deleted_tasks`: copies of deleted tasks past the undo window (no restore can use them).
 *
 * Bounded: each statement deletes at most `batchSize` rows, and a run makes at most
 * `maxBatches` statements per table; what is left goes in the next run. Safe to run twice at once:
 * each batch locks the rows it picks and skips rows another run has locked (SKIP LOCKED), so two
 * runs share the work and neither waits. Idempotent: it deletes by age alone, relative to `now`.
 */
import { and, asc, lt, ne, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn, PgDatabase, PgQueryResultHKT, PgTable } from "drizzle-orm/pg-core";
import { accountEvent, deletedTasks, idempotencyKeys, jwks, rateLimit, session, verification } from "../../../drizzle/index.ts";
import {
  ACCOUNT_EVENT_KEEP_MS,
  DELETED_TASK_KEEP_MS,
  IDEMPOTENCY_KEY_KEEP_MS,
  RATE_LIMIT_KEEP_MS,
  SIGNING_KEY_GRACE_SECONDS,
} from "./retention.ts";

// biome-ignore lint/suspicious/noExplicitAny: any Drizzle Postgres client (neon-http in the worker).
type AnyPgDatabase = PgDatabase<PgQueryResultHKT, any>;

export const CLEANED_TABLES = [
  "session",
  "verification",
  "rate_limit",
  "jwks",
  "idempotency_keys",
  "account_event",
  "deleted_tasks",
] as const;
export type CleanedTable = (typeof CLEANED_TABLES)[number];

export type CleanUpOptions = {
  /** The run's clock (the cron's scheduled time): rows are judged against it, not the database's. */
  now: number;
  batchSize?: number;
  maxBatches?: number;
};

export type CleanUpReport = {
  removed: Record<CleanedTable, number>;
  statements: number;
  longestStatementMs: number;
  /** False when a table still had more to delete after `maxBatches` statements. */
  complete: boolean;
};

/** One batch: deletes up to `limit` rows of one table, returning their ids. */
type Batch = (db: AnyPgDatabase, now: number, limit: number) => Promise<unknown[]>;

/**
 * Deletes up to `limit` rows of `table` that match `where`, oldest by `order` first, skipping rows
 * another run has locked. `id` names a row: its id column, or `ctid` for a composite key.
 */
function deleteBatch(
  db: AnyPgDatabase,
  table: PgTable,
  id: AnyPgColumn | SQL,
  where: SQL | undefined,
  order: AnyPgColumn,
  limit: number,
) {
  const picked = db.select({ id }).from(table).where(where).orderBy(asc(order)).limit(limit).for("update", { skipLocked: true });
  // `in` as Drizzle's inArray writes it (its overloads take a column or an expression, not either).
  return db.delete(table).where(sql`${id} in ${picked}`).returning({ id });
}

const BATCHES: Record<CleanedTable, Batch> = {
  session: (db, now, limit) =>
    deleteBatch(db, session, session.id, lt(session.expiresAt, new Date(now)), session.expiresAt, limit),
  verification: (db, now, limit) =>
    deleteBatch(db, verification, verification.id, lt(verification.expiresAt, new Date(now)), verification.expiresAt, limit),
  rate_limit: (db, now, limit) =>
    deleteBatch(db, rateLimit, rateLimit.id, lt(rateLimit.lastRequest, now - RATE_LIMIT_KEEP_MS), rateLimit.lastRequest, limit),
  jwks: (db, now, limit) =>
    deleteBatch(
      db,
      jwks,
      jwks.id,
      and(
        lt(jwks.expiresAt, new Date(now - SIGNING_KEY_GRACE_SECONDS * 1000)),
        // Whatever its dates say, the newest key stays: signing must always find a key it can
        // publish (Better Auth creates the next one when it next signs).
        ne(jwks.id, sql`(select ${jwks.id} from ${jwks} order by ${jwks.createdAt} desc limit 1)`),
      ),
      jwks.expiresAt,
      limit,
    ),
  idempotency_keys: (db, now, limit) =>
    deleteBatch(
      db,
      idempotencyKeys,
      sql`ctid`,
      lt(idempotencyKeys.createdAt, new Date(now - IDEMPOTENCY_KEY_KEEP_MS)),
      idempotencyKeys.createdAt,
      limit,
    ),
  account_event: (db, now, limit) =>
    deleteBatch(
      db,
      accountEvent,
      accountEvent.id,
      lt(accountEvent.createdAt, new Date(now - ACCOUNT_EVENT_KEEP_MS)),
      accountEvent.createdAt,
      limit,
    ),
  deleted_tasks: (db, now, limit) =>
    deleteBatch(
      db,
      deletedTasks,
      deletedTasks.taskId,
      lt(deletedTasks.deletedAt, new Date(now - DELETED_TASK_KEEP_MS)),
      deletedTasks.deletedAt,
      limit,
    ),
};

export async function cleanUp(db: AnyPgDatabase, options: CleanUpOptions): Promise<CleanUpReport> {
  const batchSize = options.batchSize ?? 1000;
  const maxBatches = options.maxBatches ?? 20;
  const report: CleanUpReport = {
    removed: { session: 0, verification: 0, rate_limit: 0, jwks: 0, idempotency_keys: 0, account_event: 0, deleted_tasks: 0 },
    statements: 0,
    longestStatementMs: 0,
    complete: true,
  };
  for (const table of CLEANED_TABLES) {
    for (let batch = 0; ; batch++) {
      if (batch === maxBatches) {
        report.complete = false;
        break;
      }
      const started = performance.now();
      const deleted = await BATCHES[table](db, options.now, batchSize);
      report.longestStatementMs = Math.max(report.longestStatementMs, performance.now() - started);
      report.statements += 1;
      report.removed[table] += deleted.length;
      if (deleted.length < batchSize) break;
    }
  }
  report.longestStatementMs = Math.round(report.longestStatementMs * 10) / 10;
  return report;
}
