/**
 * Better Auth's rate limits, stored in Postgres (shared by every isolate) in one atomic statement
 * per hit. Better Auth's own database storage reads the row and then writes it: two sequential
 * round trips on every limited endpoint, which cost twice the distance to the database.
 *
 * One upsert decides and counts at once. Concurrent hits on one key queue on the row's lock, so
 * exactly `max` of any burst pass. The window is fixed: it starts at the first hit (stored in
 * `last_request`, Better Auth's column name) and a hit after it ends starts the next one.
 */
import "server-only";
import type { BetterAuthOptions } from "better-auth";
import { lt, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { rateLimit } from "../../../drizzle/index.ts";
import { RATE_LIMIT_KEEP_MS } from "../maintenance/retention.ts";
import type { WaitUntil } from "../worker-context.ts";

type RateLimitStorage = NonNullable<NonNullable<BetterAuthOptions["rateLimit"]>["customStorage"]>;
// biome-ignore lint/suspicious/noExplicitAny: any Drizzle Postgres client (neon-http in the worker).
type AnyPgDatabase = PgDatabase<PgQueryResultHKT, any>;

/** Rows whose window began RATE_LIMIT_KEEP_MS ago: by `last_request`, which has an index (rate_limit_last_request_idx). */
export const deleteStaleRows = (db: AnyPgDatabase, now: number) =>
  db.delete(rateLimit).where(lt(rateLimit.lastRequest, now - RATE_LIMIT_KEEP_MS));

/**
 * @param options.prune whether a new window prunes old rows (the default). The mail limit turns it
 * off: it runs beside the request's own limit, which prunes the same table anyway.
 */
export function rateLimitStorage(db: AnyPgDatabase, ctx: WaitUntil, { prune = true } = {}): RateLimitStorage {
  return {
    async consume(key, rule) {
      const now = Date.now();
      const windowMs = rule.window * 1000;
      const windowEnded = sql`${rateLimit.lastRequest} <= ${now - windowMs}`;
      const [hit] = await db
        .insert(rateLimit)
        .values({ id: crypto.randomUUID(), key, count: 1, lastRequest: now })
        .onConflictDoUpdate({
          target: rateLimit.key,
          set: {
            // Capped: refused hits need not count further than one past the limit.
            count: sql`case when ${windowEnded} then 1 else least(${rateLimit.count} + 1, ${rule.max + 1}) end`,
            lastRequest: sql`case when ${windowEnded} then ${now} else ${rateLimit.lastRequest} end`,
          },
        })
        .returning({ count: rateLimit.count, windowStart: rateLimit.lastRequest });
      if (!hit) throw new Error("the rate-limit upsert returned no row");
      // A new window: a good moment to drop rows nobody has used for a while, after the response.
      if (prune && hit.count === 1) ctx.waitUntil(deleteStaleRows(db, now).catch(() => {}));
      if (hit.count <= rule.max) return { allowed: true, retryAfter: null };
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((hit.windowStart + windowMs - now) / 1000)) };
    },
  };
}
