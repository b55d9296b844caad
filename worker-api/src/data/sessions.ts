/**
 * The caller's Better Auth session, checked in the same round trip as the work it authorises.
 * A JWT names its session (`sid`); the session row is the one strongly consistent record of
 * whether the user is still signed in. Signing out, revoking a session, changing the password
 * with "sign out other sessions", expiry and account deletion all end or remove that row.
 */
import { and, eq, exists, gt, sql } from "drizzle-orm";
import { session } from "../../../drizzle/index.ts";
import type { Database } from "../db.ts";

/** Who is asking: the token's `sub` and `sid`. */
export type Caller = { userId: string; sessionId: string };

export class SessionEndedError extends Error {
  override name = "SessionEndedError";
}

// Better Auth stores `expires_at` as UTC wall-clock time in a column without a time zone.
const UTC_NOW = sql`(now() at time zone 'utc')`;

const isLive = (caller: Caller) =>
  and(eq(session.id, caller.sessionId), eq(session.userId, caller.userId), gt(session.expiresAt, UTC_NOW));

/** A statement returning one row while the caller's session is live, none once it has ended. */
export const sessionCheck = (db: Database, caller: Caller) => db.select({ id: session.id }).from(session).where(isLive(caller));

/** A condition for writes: they touch nothing once the session has ended, even in a race. */
export const whileSessionLive = (db: Database, caller: Caller) =>
  exists(db.select({ live: sql`1` }).from(session).where(isLive(caller)));

/** The caller's user id, or NULL once the session has ended (a NOT NULL column then refuses it). */
export const liveSessionUserId = (db: Database, caller: Caller) =>
  sql<string>`(${db.select({ userId: session.userId }).from(session).where(isLive(caller))})`;

/** Throws `SessionEndedError` unless the batch's session check found the session. */
export function assertLive(check: readonly unknown[]): void {
  if (check.length === 0) throw new SessionEndedError("The session has ended.");
}
