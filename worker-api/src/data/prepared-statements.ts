/**
 * Statements built once per isolate and shape, then run with each request's values.
 *
 * Turning drizzle's query builder into SQL text costs more CPU than anything else a list request
 * does in the worker (about half a millisecond for the list, mostly drizzle's class checks on
 * every fragment). The text depends only on the request's shape (which filters, which sort, how
 * many labels), never on its values, which go in as placeholders: so a shape is built on its first
 * request in the isolate and reused by the next ones.
 *
 * Only on the isolate-wide HTTP client (drizzle/http-database.ts), where preparing is building the
 * text once: the `ws` transport's per-request Pool would turn a prepared statement into a named
 * one on the server, which its shared local session (and a transaction pooler) cannot hold, so
 * there the statement is built for each request as before.
 *
 * A shape is made of the request's choices, so the number of shapes is bounded by the schema's
 * limits; the cache is bounded too, all the same, and starts afresh when full.
 */
import { isIsolateWideClient } from "../../../drizzle/http-database.ts";
import type { Database } from "../db.ts";

const MAX_SHAPES = 256;

type Values = Record<string, unknown>;
/** A drizzle query whose values are placeholders: it can be prepared, or run with the values. */
export type Preparable<Result = unknown> = { prepare(name: string): { execute(values?: Values): Promise<Result> } };
type Prepared<Query extends Preparable> = { execute: ReturnType<Query["prepare"]>["execute"] };

const statementsByClient = new WeakMap<Database, Map<string, Prepared<Preparable>>>();

/**
 * The statement `build` makes for `shape` (a key naming everything that changes its SQL text),
 * built on the first call with that shape for this client. `kind` names the statement and keeps
 * different statements' shapes apart.
 */
export function preparedStatement<Query extends Preparable>(
  db: Database,
  kind: string,
  shape: string,
  build: () => Query,
): Prepared<Query> {
  // drizzle's query builders run as their own prepared statement: `execute(values)` is the same call.
  if (!isIsolateWideClient(db)) return build() as unknown as Prepared<Query>;
  let statements = statementsByClient.get(db);
  if (!statements) {
    statements = new Map();
    statementsByClient.set(db, statements);
  }
  const key = `${kind}:${shape}`;
  let statement = statements.get(key);
  if (!statement) {
    statement = build().prepare(kind);
    if (statements.size >= MAX_SHAPES) statements.clear();
    statements.set(key, statement);
  }
  return statement as Prepared<Query>;
}
