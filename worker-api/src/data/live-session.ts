/**
 * The caller's Better Auth session, checked in the same statement as the work it authorises.
 * A JWT names its session (`sid`); the session row is the one strongly consistent record of
 * whether the user is still signed in. Signing out, revoking a session, changing the password
 * with "sign out other sessions", expiry and account deletion all end or remove that row. The
 * key that signed the token is checked in the same breath: a key withdrawn from the key store
 * (`npm run keys:rotate -- --withdraw <kid>`) ends every session's use of its tokens at once.
 *
 * Every statement of an owned resource goes through `withLiveSession`: it selects FROM the
 * `live_session` CTE (`live.select`), so that an ended session returns no row at all, and its
 * writes are guarded by `live.isLive` or take their owner from `live.ownerId`. A new resource gets
 * revocation and ownership by building its statement from `live`, not by copying SQL; it stays
 * one statement, one database round trip. The busiest statements go through
 * `withPreparedLiveSession` instead, the same check built once per isolate on placeholders.
 */
import { and, eq, exists, gt, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { PgColumn, SelectedFields } from "drizzle-orm/pg-core";
import type { WithSubquery } from "drizzle-orm/subquery";
import { jwks, session } from "../../../drizzle/index.ts";
import type { Database } from "../db.ts";
import { type Preparable, preparedStatement } from "./prepared-statements.ts";
import { isSessionEndedError } from "./session-ended.ts";

/** Who is asking: the token's `sub` and `sid`, and the `kid` of the key that signed it. */
export type Caller = { userId: string; sessionId: string; keyId: string };

/** The caller as placeholders, for a statement prepared once and run with each caller's values. */
const PLACEHOLDER_CALLER = {
  userId: sql.placeholder("caller_user_id"),
  sessionId: sql.placeholder("caller_session_id"),
  keyId: sql.placeholder("caller_key_id"),
} satisfies Record<keyof Caller, Placeholder>;

const callerValues = (caller: Caller) => ({
  caller_user_id: caller.userId,
  caller_session_id: caller.sessionId,
  caller_key_id: caller.keyId,
});

type CallerRef = Caller | typeof PLACEHOLDER_CALLER;

export class SessionEndedError extends Error {
  override name = "SessionEndedError";
  constructor(options?: ErrorOptions) {
    super("The session has ended.", options);
  }
}

// Better Auth stores `expires_at` as UTC wall-clock time in a column without a time zone.
const UTC_NOW = sql`(now() at time zone 'utc')`;

const isLiveSessionRow = (db: Database, caller: CallerRef) =>
  and(
    eq(session.id, caller.sessionId),
    eq(session.userId, caller.userId),
    gt(session.expiresAt, UTC_NOW),
    exists(db.select({ id: jwks.id }).from(jwks).where(eq(jwks.id, caller.keyId))),
  );

function liveSessionCte(db: Database, caller: CallerRef) {
  return db.$with("live_session").as(
    db
      .select({ live: sql<boolean>`true`.as("live"), userId: sql<string>`${session.userId}`.as("owner_id") })
      .from(session)
      .where(isLiveSessionRow(db, caller)),
  );
}

/** What a statement builds on; see the module's comment. */
export type LiveSession = ReturnType<typeof liveSession>;

function liveSession(db: Database, caller: CallerRef) {
  const cte = liveSessionCte(db, caller);
  return {
    /**
     * `SELECT fields FROM live_session`, to LEFT JOIN the resource onto: a row per result while the
     * session is live, none once it has ended.
     */
    select: <Fields extends SelectedFields>(fields: Fields) => db.with(cte).select(fields).from(cte),
    /**
     * A write's RETURNING rows, `write` being its CTE (`db.$with(name).as(insert/update/delete)`),
     * LEFT JOINed onto `live_session`: one statement that writes and checks the session.
     */
    written: <Write extends WithSubquery>(write: Write) =>
      db
        .with(cte, write)
        .select()
        .from(cte)
        // The cast stands in for drizzle's check that `write` has a RETURNING clause, which it
        // cannot make on a type parameter (a write without one would join no columns of its own).
        .leftJoin<Write>(write as never, sql`true`),
    /** `live_session` itself, for the aggregate's GROUP BY (which then yields no row once ended). */
    cte,
    /** The one ownership predicate: the row's owner column is the caller's user. */
    owns: (ownerColumn: PgColumn): SQL => eq(ownerColumn, caller.userId),
    /** For a write's WHERE (a write runs in a CTE and cannot select FROM the session). */
    isLive: sql`exists (select 1 from ${cte})`,
    /** The owner id for an INSERT: NULL once the session has ended, which the NOT NULL owner column refuses. */
    ownerId: sql<string>`(select ${cte.userId} from ${cte})`,
  };
}

/**
 * Runs `statement` (built on `live`) and returns its rows, or throws `SessionEndedError` when the
 * session has ended: the statement returned no row, or the database refused an owner id that the
 * session no longer supplies (see session-ended.ts).
 */
export function withLiveSession<Row>(
  db: Database,
  caller: Caller,
  statement: (live: LiveSession) => PromiseLike<Row[]>,
): Promise<Row[]> {
  return liveRows(() => statement(liveSession(db, caller)));
}

/**
 * `withLiveSession` for a statement prepared once per isolate and shape (prepared-statements.ts):
 * `build` makes it on the session of a caller whose ids are placeholders, and it runs with this
 * caller's ids and `values` (the placeholders `build` used; `shape` names what else changes its text).
 */
export function withPreparedLiveSession<Query extends Preparable, Row>(
  db: Database,
  caller: Caller,
  statement: {
    name: string;
    shape?: string;
    build: (live: LiveSession) => Query & Preparable<Row[]>;
    values?: Record<string, unknown>;
  },
): Promise<Row[]> {
  const prepared = preparedStatement(db, statement.name, statement.shape ?? "", () =>
    statement.build(liveSession(db, PLACEHOLDER_CALLER)),
  );
  return liveRows(() => prepared.execute({ ...callerValues(caller), ...statement.values }) as Promise<Row[]>);
}

async function liveRows<Row>(run: () => PromiseLike<Row[]>): Promise<Row[]> {
  let rows: Row[];
  try {
    rows = await run();
  } catch (error) {
    if (isSessionEndedError(error)) throw new SessionEndedError({ cause: error });
    throw error;
  }
  if (rows.length === 0) throw new SessionEndedError();
  return rows;
}
