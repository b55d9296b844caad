/**
 * A pending sign-in at the code step, read in one statement: the challenge the signed `two_factor`
 * cookie names (the plugin's verification row `2fa-<random>`, whose value is the person's id), the
 * attempts it has had (`2fa-attempts-<identifier>`), the person, and their `two_factor` row. The
 * plugin reads these one by one: four round trips, here one.
 */
import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { HttpDatabase } from "../../../../../drizzle/http-database.ts";
import { twoFactor, user, verification } from "../../../../../drizzle/index.ts";

/** The plugin's name for a challenge's attempts row. */
export const attemptsIdentifier = (challenge: string) => `2fa-attempts-${challenge}`;

export type PendingSignIn = NonNullable<Awaited<ReturnType<typeof readPendingSignIn>>>;

export async function readPendingSignIn(db: HttpDatabase, challenge: string) {
  const attempts = alias(verification, "attempts");
  const [row] = await db
    .select({
      expiresAt: verification.expiresAt,
      attempts: attempts.value,
      user,
      twoFactor,
    })
    .from(verification)
    .innerJoin(user, eq(user.id, verification.value))
    .leftJoin(attempts, eq(attempts.identifier, sql`${attemptsIdentifier("")} || ${verification.identifier}`))
    .leftJoin(twoFactor, eq(twoFactor.userId, user.id))
    .where(eq(verification.identifier, challenge))
    // The newest of each, as the plugin's reads take them (an identifier is random: one row, as a rule).
    .orderBy(desc(verification.createdAt), desc(attempts.createdAt))
    .limit(1);
  return row;
}

/** The attempts a challenge has had, as the plugin reads them: anything but a count spends them all. */
export function attemptsSoFar(value: string, allowed: number): number {
  const parsed = Number(value);
  return value !== "" && Number.isInteger(parsed) && parsed >= 0 ? parsed : allowed;
}
