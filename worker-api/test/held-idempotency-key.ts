/**
 * A request that meets its `Idempotency-Key` held by another, uncommitted request: the key's row is
 * inserted in an open transaction, the request is sent, and the transaction commits only once the
 * request's statement is waiting on that row's lock. The request then finds the key taken by a
 * commit it could not see (409 `idempotency_key_in_progress`). Needs a real Postgres: PGlite runs
 * one statement at a time, so there no request ever waits on another's key.
 */
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { idempotencyKeys } from "../../drizzle/index.ts";
import { getConfig } from "../src/config.ts";
import { openDatabase } from "../src/db.ts";
import { dbFor } from "./helpers.ts";

export async function sendWhileKeyIsHeld(
  api: Env,
  userId: string,
  key: string,
  send: () => Promise<Response>,
): Promise<Response> {
  const owner = openDatabase(getConfig({ ...api, DATABASE_URL: env.TEST_OWNER_DATABASE_URL, DB_TRANSPORT: "ws" }));
  const watcher = dbFor(api).db;
  let response: Promise<Response> | undefined;
  try {
    await owner.db.transaction(async (tx) => {
      await tx.insert(idempotencyKeys).values({ userId, key, requestHash: "held by a test", response: {} });
      response = send();
      for (let waited = 0; waited < 10_000; waited += 50) {
        const [locks] = await watcher
          .select({ waiting: sql<number>`count(*)::int` })
          .from(sql`pg_stat_activity`)
          .where(sql`datname = current_database() and wait_event_type = 'Lock'`);
        if (Number(locks?.waiting) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error("the request never waited on the held key");
    });
  } finally {
    await owner.release?.();
  }
  if (!response) throw new Error("the request was not sent");
  return response;
}
