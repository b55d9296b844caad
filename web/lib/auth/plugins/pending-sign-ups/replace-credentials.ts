/**
 * A sign-up with an address whose account is not verified yet: the newest sign-up's credentials
 * replace the pending ones. Whoever opens the mailbox's link then verifies an account that only
 * the last person to sign up can open; with the old credentials kept (Better Auth's default),
 * someone who signed up first with another person's address and a password of their own would
 * be inside everything that person stored after verifying it (pre-hijacking).
 *
 * One batch, one round trip (so a taken address costs what a new one does: the user and account
 * inserts are one batch too), in one transaction: the name and image, the password, every session
 * of the pending account. Each statement applies only while the address is unverified, decided in
 * the database: an account verified meanwhile is left alone.
 *
 * The user row's `updatedAt` becomes the moment the credentials were set: a verification link
 * issued before it is refused, and only the browser that set them is signed in by a link
 * (signing-browser.ts). Nothing else updates an unverified user.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { NeonHttpDatabase } from "drizzle-orm/neon-http";
import { account, session, user } from "../../../../../drizzle/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: any schema.
type HttpDatabase = NeonHttpDatabase<any>;

export type PendingCredentials = {
  email: string;
  name: string;
  image: string | null;
  passwordHash: string;
  setAt: Date;
};

/** The unverified user whose credentials were replaced, or undefined (no such user). */
export async function replacePendingCredentials(db: HttpDatabase, credentials: PendingCredentials) {
  const { email, name, image, passwordHash, setAt } = credentials;
  const unverified = and(eq(user.email, email), eq(user.emailVerified, false));
  const pendingUserIds = db.select({ id: user.id }).from(user).where(unverified);
  const [replaced] = await db.batch([
    db.update(user).set({ name, image, updatedAt: setAt }).where(unverified).returning(),
    db
      .update(account)
      .set({ password: passwordHash, updatedAt: setAt })
      .where(and(inArray(account.userId, pendingUserIds), eq(account.providerId, "credential"))),
    db.delete(session).where(inArray(session.userId, pendingUserIds)),
  ]);
  return replaced[0];
}
