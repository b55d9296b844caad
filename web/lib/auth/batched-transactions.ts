/**
 * Better Auth's transactions over Neon's HTTP transport, at one round trip for all their writes.
 *
 * Sign-up runs in a Better Auth transaction: look the e-mail up, insert the user, the account and
 * the session. Each statement awaited in turn would cost the distance to the database once more.
 * HTTP has no interactive transaction, but it has batches: several statements in one request, run
 * in one database transaction. So inside a transaction an insert is held back (Better Auth
 * generates every id and value itself, so the row it asked for is the row it gets), and the held
 * inserts go out with the next statement that must run now (a read, an update, a delete) or at
 * the end: in order, all or nothing. A failure after an insert was held leaves nothing behind.
 */
import "server-only";
import { APIError } from "better-auth/api";
import { getTableColumns, type Table } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { NeonHttpDatabase } from "drizzle-orm/neon-http";
import { sqlState } from "../../../drizzle/sql-state.ts";

// biome-ignore lint/suspicious/noExplicitAny: any schema.
type HttpDatabase = NeonHttpDatabase<any>;
export type Held = BatchItem<"pg">;

const UNIQUE_VIOLATION = "23505";

/** `db`, whose `transaction(work)` holds inserts back and sends them as one batch. */
export function withBatchedTransactions<T extends HttpDatabase>(db: T): T {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === "transaction") return (work: (tx: T) => Promise<unknown>) => runBatched(target, work);
      return Reflect.get(target, property, receiver);
    },
  });
}

async function runBatched<T extends HttpDatabase, R>(db: T, work: (tx: T) => Promise<R>): Promise<R> {
  const held: Held[] = [];
  /** Runs `query` now, after (and in one batch with) whatever is held. */
  const runNow = async (query: Held): Promise<unknown> => {
    if (held.length === 0) return query;
    const [first, ...rest] = [...held.splice(0), query];
    return (await commit(db, [first as Held, ...rest])).at(-1);
  };
  const result = await work(transactionView(db, held, runNow));
  const [first, ...rest] = held.splice(0);
  if (first) await commit(db, [first, ...rest]);
  return result;
}

export async function commit(db: HttpDatabase, batch: [Held, ...Held[]]): Promise<unknown[]> {
  try {
    return await db.batch(batch);
  } catch (error) {
    // What a held insert would have raised on its own (say, a concurrent sign-up with the same
    // e-mail won the unique index): the same 422 Better Auth answers when a user cannot be created.
    if (sqlState(error) === UNIQUE_VIOLATION)
      throw new APIError("UNPROCESSABLE_ENTITY", { message: "This account could not be created: it already exists." });
    throw error;
  }
}

/** The database as the transaction's work sees it: inserts held, everything else run in order. */
export function transactionView<T extends HttpDatabase>(db: T, held: Held[], runNow: (query: Held) => Promise<unknown>): T {
  return new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === "query") return relationalQueries(value as Record<string, object>, runNow);
      if (typeof value !== "function") return value;
      if (property === "insert") return (table: Table) => heldInsert(value.call(target, table), table, held);
      if (property === "select" || property === "update" || property === "delete" || property === "execute")
        return (...args: unknown[]) => ranInOrder(value.apply(target, args), runNow);
      return value.bind(target);
    },
  });
}

/** `db.query.<model>.findFirst/findMany(…)`, run in order like any other read. */
function relationalQueries(queries: Record<string, object>, runNow: (query: Held) => Promise<unknown>) {
  return new Proxy(queries, {
    get(target, model, receiver) {
      const finders = Reflect.get(target, model, receiver);
      if (!finders || typeof finders !== "object") return finders;
      return new Proxy(finders, {
        get(inner, method, innerReceiver) {
          const find = Reflect.get(inner, method, innerReceiver);
          if (typeof find !== "function") return find;
          return (...args: unknown[]) => ranInOrder(find.apply(inner, args), runNow);
        },
      });
    },
  });
}

/**
 * A query builder whose chain stays intercepted: each method returns the next builder, wrapped
 * again, and awaiting it (`then`) decides what happens. Anything else (as a subquery, say) is
 * the builder itself, untouched.
 */
function intercept(builder: object, onAwait: (builder: Held, values: unknown) => Promise<unknown>, values?: unknown): object {
  return new Proxy(builder, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === "then")
        return (resolve: (value: unknown) => unknown, reject: (reason: unknown) => unknown) =>
          onAwait(target as Held, values).then(resolve, reject);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const next = value.apply(target, args);
        const nextValues = property === "values" ? args[0] : values;
        return next && typeof next === "object" && "then" in next ? intercept(next, onAwait, nextValues) : next;
      };
    },
  });
}

function heldInsert(builder: object, table: Table, held: Held[]) {
  // What `.returning()` would give: the row as Better Auth wrote it, with null in the nullable
  // columns it left out (as Postgres fills them). Sign-up's answer shows this row: without the
  // nulls it lacked the `image` key that the answer for a taken address has.
  const nullable = Object.entries(getTableColumns(table))
    .filter(([, column]) => !column.notNull && !column.hasDefault)
    .map(([key]) => key);
  const asStored = (row: Record<string, unknown>) => {
    const stored = { ...row };
    for (const key of nullable) stored[key] ??= null;
    return stored;
  };
  return intercept(builder, async (query, values) => {
    held.push(query);
    return (Array.isArray(values) ? values : [values]).map(asStored);
  });
}

function ranInOrder(builder: object, runNow: (query: Held) => Promise<unknown>) {
  return intercept(builder, (query) => runNow(query));
}
