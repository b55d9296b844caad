/**
 * One request's writes in one batch: while `inOneRequestBatch(db, work)` runs, every insert Better
 * Auth makes is held, and the held inserts go out with the next statement that must run now (a
 * read, an update, a delete) or when `work` is done: in order, all or nothing. Its transactions
 * join this one instead of committing on their own.
 *
 * Why: an OAuth callback for a new person inserts the user and the account in a transaction, then
 * the session after it. As two writes a failure between them would leave a user who cannot sign
 * in, and each write costs the distance to the database. In one batch the callback makes three
 * round trips (the identity's account, the e-mail's user, the batch) and leaves nothing behind
 * when any insert fails.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { NeonHttpDatabase } from "drizzle-orm/neon-http";
import { commit, type Held, transactionView } from "./batched-transactions.ts";

// biome-ignore lint/suspicious/noExplicitAny: any schema.
type HttpDatabase = NeonHttpDatabase<any>;

const batching = new AsyncLocalStorage<{ view: HttpDatabase }>();

/** `db` as Better Auth gets it: inside `inOneRequestBatch`, the batch's view of it. */
export function joiningRequestBatch<T extends HttpDatabase>(db: T): T {
  return new Proxy(db, {
    get(target, property, receiver) {
      const view = batching.getStore()?.view as T | undefined;
      if (!view) return Reflect.get(target, property, receiver);
      if (property === "transaction") return (work: (tx: T) => Promise<unknown>) => work(view);
      return Reflect.get(view, property);
    },
  });
}

/** Whether this code runs inside `inOneRequestBatch`: an insert now is held and costs no round trip of its own. */
export const inRequestBatch = (): boolean => batching.getStore() !== undefined;

/**
 * Runs `work` with Better Auth's inserts held, then sends what is still held as one batch.
 * `leading`: statements of the caller's own that go first in that batch; one that fails (say, a
 * single-use row already gone) undoes every insert `work` made.
 */
export async function inOneRequestBatch<R>(db: HttpDatabase, work: () => Promise<R>, leading: readonly Held[] = []): Promise<R> {
  const held: Held[] = [...leading];
  const runNow = async (query: Held): Promise<unknown> => {
    if (held.length === 0) return query;
    const [first, ...rest] = [...held.splice(0), query];
    return (await commit(db, [first as Held, ...rest])).at(-1);
  };
  const result = await batching.run({ view: transactionView(db, held, runNow) }, work);
  const [first, ...rest] = held.splice(0);
  if (first) await commit(db, [first, ...rest]);
  return result;
}
