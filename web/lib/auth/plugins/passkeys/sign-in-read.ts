/**
 * A passkey sign-in's one read: the sign-in challenge consumed (deleted, so a second answer to it
 * finds nothing), with the passkey the answer names and its owner, in one statement. The plugin's
 * own endpoint made five round trips of it (the challenge read, older copies deleted, the challenge
 * deleted, the passkey, then the user); this is one.
 *
 * The challenge is consumed whatever follows, as the plugin does: an answer that fails is not
 * tried again with the same challenge. Expiry is the caller's to check (`expiresAt`).
 */
import "server-only";
import { desc, eq } from "drizzle-orm";
import type { HttpDatabase } from "../../../../../drizzle/http-database.ts";
import { passkey, user, verification } from "../../../../../drizzle/index.ts";

export type PasskeySignInRead = {
  /** The challenge's stored value (the plugin's JSON: `{ type, expectedChallenge }`), or null when there was none. */
  challenge: { value: string; expiresAt: Date } | null;
  passkey: typeof passkey.$inferSelect | null;
  user: typeof user.$inferSelect | null;
};

export async function consumeChallengeWithPasskey(
  db: HttpDatabase,
  challengeToken: string,
  credentialId: string,
): Promise<PasskeySignInRead> {
  const consumed = db
    .$with("consumed_challenge")
    .as(
      db
        .delete(verification)
        .where(eq(verification.identifier, challengeToken))
        .returning({ value: verification.value, expiresAt: verification.expiresAt, createdAt: verification.createdAt }),
    );
  // A row per consumed challenge (tokens are random: one), with the passkey and its owner when the
  // credential is known; no row when there was no challenge.
  const rows = await db
    .with(consumed)
    .select({ value: consumed.value, expiresAt: consumed.expiresAt, passkey, user })
    .from(consumed)
    .leftJoin(passkey, eq(passkey.credentialID, credentialId))
    .leftJoin(user, eq(user.id, passkey.userId))
    .orderBy(desc(consumed.createdAt))
    .limit(1);
  const row = rows[0];
  if (!row) return { challenge: null, passkey: null, user: null };
  return { challenge: { value: row.value, expiresAt: row.expiresAt }, passkey: row.passkey, user: row.user };
}
