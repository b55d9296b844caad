/**
 * Expired verification rows (reset links nobody opened) are deleted after the response, at most
 * once a minute per isolate, instead of inside the request as Better Auth does it.
 *
 * Better Auth prunes them in `findVerificationValue` at most once a minute per instance; with one
 * instance per request that is every time, and `/request-password-reset` reads a verification
 * value only for an *unknown* address (its decoy lookup). So an unknown address cost two more
 * sequential round trips than a known one (measured by bench:mail: 558 vs 336 ms with the database
 * 100 ms away): the response time told whether an account exists. With Better Auth's cleanup off
 * (`verification.disableCleanup`) and this one after the response, both cost the same.
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { lt } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { verification } from "../../../../../drizzle/index.ts";
import type { WaitUntil } from "../../../worker-context.ts";

// biome-ignore lint/suspicious/noExplicitAny: any Drizzle Postgres client (neon-http in the worker).
type AnyPgDatabase = PgDatabase<PgQueryResultHKT, any>;

const INTERVAL_MS = 60_000;
/** Per isolate, shared by every request's Better Auth instance. */
let nextPruneAt = 0;

/** Deletes every verification row that has expired. */
export async function pruneExpiredVerifications(db: AnyPgDatabase): Promise<void> {
  await db.delete(verification).where(lt(verification.expiresAt, new Date()));
}

/** Paths that create verification rows: pruning rides on them, after their response. */
const PATHS = new Set(["/request-password-reset", "/reset-password"]);

export const verificationPruning = (db: AnyPgDatabase, ctx: WaitUntil) =>
  ({
    id: "verification-pruning",
    hooks: {
      after: [
        {
          matcher: (context) => PATHS.has(context.path ?? ""),
          handler: createAuthMiddleware(async () => {
            const now = Date.now();
            if (now < nextPruneAt) return;
            nextPruneAt = now + INTERVAL_MS;
            // A failed prune is retried a minute later; the request has been answered either way.
            ctx.waitUntil(pruneExpiredVerifications(db).catch(() => undefined));
          }),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;
