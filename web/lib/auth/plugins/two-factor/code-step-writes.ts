/**
 * The code step's writes, each one statement (pending-sign-in.ts reads what they change):
 * - `spendChallenge`: a right code. The challenge is deleted (`delete … returning`), its attempts
 *   row with it, and the person's failure count starts again; a recovery code is taken out of the
 *   stored list only if the list is still the one that was read (compare-and-set). It fails, with
 *   SQLSTATE 22012, when the challenge was gone or the list had changed: it goes first in the batch
 *   that also inserts the session (code-step.ts), so that batch is undone and no session is left.
 *   Two requests with one challenge, or one recovery code, at once: the second waits on the row
 *   the first changed, finds it changed, and fails.
 * - `countWrongCode`: a wrong code. One more attempt on the challenge (at the sign-in's code step;
 *   a fresh sign-in before a sensitive action has none), one more failure in a row for the person,
 *   and at the limit the lock-out, as the plugin's `recordTwoFactorFailure` does (an expired
 *   lock-out counts from nothing again, as its `assertTwoFactorNotLocked` resets it).
 * - `dropChallenge`: a challenge that has had all its attempts.
 * Times are the worker's clock, written as Better Auth writes them (the columns' own mapping).
 */
import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { HttpDatabase } from "../../../../../drizzle/http-database.ts";
import { twoFactor, verification } from "../../../../../drizzle/index.ts";
import { attemptsIdentifier } from "./pending-sign-in.ts";

/** The SQLSTATE `spendChallenge` fails with when it spent nothing (division by zero). */
export const NOTHING_SPENT = "22012";

export function spendChallenge(
  db: HttpDatabase,
  spend: {
    challenge: string;
    userId: string;
    twoFactorId: string;
    now: Date;
    /** A recovery code: the encrypted list as read, and without the code. */
    recovery?: { stored: string; remaining: string } | undefined;
  },
) {
  const now = sql.param(spend.now, verification.expiresAt);
  const { recovery } = spend;
  const newList = recovery ? sql`, backup_codes = ${recovery.remaining}` : sql``;
  const listAsRead = recovery ? sql` and backup_codes = ${recovery.stored}` : sql``;
  return db.execute(sql`with consumed as (
      delete from verification
      where identifier = ${spend.challenge} and value = ${spend.userId} and expires_at > ${now}
      returning id
    ), attempts as (
      delete from verification where identifier = ${attemptsIdentifier(spend.challenge)}
    ), settled as (
      update two_factor set failed_verification_count = 0, locked_until = null${newList}
      where id = ${spend.twoFactorId}${listAsRead}
        and (locked_until is null or locked_until <= ${now})
        and exists (select 1 from consumed)
      returning id
    )
    select 1 / count(*) as spent from settled`);
}

export type WrongCode = { challenge?: string; twoFactorId: string; now: Date; maxFailures: number; lockSeconds: number };

/** The statement, not yet run: wrong-code.ts sends it in one batch with the failed sign-in's record. */
export function countWrongCode(db: HttpDatabase, wrong: WrongCode) {
  const now = sql.param(wrong.now, twoFactor.lockedUntil);
  const lockedUntil = sql.param(new Date(wrong.now.getTime() + wrong.lockSeconds * 1000), twoFactor.lockedUntil);
  const failures = sql`case when locked_until <= ${now} then 1 else coalesce(failed_verification_count, 0) + 1 end`;
  const attempt = wrong.challenge
    ? sql`with attempt as (
      update verification set value = (value::integer + 1)::text
      where identifier = ${attemptsIdentifier(wrong.challenge)} and value ~ '^[0-9]{1,9}$'
    ) `
    : sql``;
  return db.execute(sql`${attempt}update two_factor set
      failed_verification_count = ${failures},
      locked_until = case
        when ${failures} >= ${wrong.maxFailures} then ${lockedUntil}
        when locked_until <= ${now} then null
        else locked_until
      end
    where id = ${wrong.twoFactorId}`);
}

export async function dropChallenge(db: HttpDatabase, challenge: string): Promise<void> {
  await db.delete(verification).where(inArray(verification.identifier, [challenge, attemptsIdentifier(challenge)]));
}
