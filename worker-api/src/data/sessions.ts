/**
 * The caller's Better Auth session, checked in the same statement as the work it authorises.
 * A JWT names its session (`sid`); the session row is the one strongly consistent record of
 * whether the user is still signed in. Signing out, revoking a session, changing the password
 * with "sign out other sessions", expiry and account deletion all end or remove that row.
 */
import { and, eq, gt, sql } from "drizzle-orm";
import { session } from "../../../drizzle/index.ts";
import type { Database } from "../db.ts";

/** Who is asking: the token's `sub` and `sid`. */
export type Caller = { userId: string; sessionId: string };

export class SessionEndedError extends Error {
  override name = "SessionEndedError";
  constructor(options?: ErrorOptions) {
    super("The session has ended.", options);
  }
}

// Better Auth stores `expires_at` as UTC wall-clock time in a column without a time zone.
const UTC_NOW = sql`(now() at time zone 'utc')`;

const isLive = (caller: Caller) =>
  and(eq(session.id, caller.sessionId), eq(session.userId, caller.userId), gt(session.expiresAt, UTC_NOW));

/**
 * `live_session`: one row while the caller's session is live, none once it has ended. A task
 * statement selects FROM it (LEFT JOIN the tasks), so that the one statement both checks the
 * session and does the work: no row at all means the session ended; a row without a task means
 * no such task. Writes run in a CTE that requires it, so they cannot land once it has ended.
 */
export const liveSession = (db: Database, caller: Caller) =>
  db.$with("live_session").as(
    db
      .select({ live: sql<boolean>`true`.as("live") })
      .from(session)
      .where(isLive(caller)),
  );

/** The caller's user id, or NULL once the session has ended (a NOT NULL column then refuses it). */
export const liveSessionUserId = (db: Database, caller: Caller) =>
  sql<string>`(${db.select({ userId: session.userId }).from(session).where(isLive(caller))})`;

/** Throws `SessionEndedError` when a statement selecting FROM `live_session` returned no row. */
export function assertLive(rows: readonly unknown[]): void {
  if (rows.length === 0) throw new SessionEndedError();
}
