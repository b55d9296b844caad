/**
 * Relations between Better Auth's tables, for Drizzle's relational queries. With them (and
 * `advanced.database.joins`), Better Auth reads a session with its user, and a user with their
 * accounts, in one query instead of two: one database round trip fewer per uncached session
 * check and per sign-in (web/lib/auth/create-auth.ts).
 */
import { relations } from "drizzle-orm";
import { account, session, user } from "./auth-schema.ts";

export const userRelations = relations(user, ({ many }) => ({
  sessions: many(session),
  accounts: many(account),
}));

export const sessionRelations = relations(session, ({ one }) => ({
  user: one(user, { fields: [session.userId], references: [user.id] }),
}));

export const accountRelations = relations(account, ({ one }) => ({
  user: one(user, { fields: [account.userId], references: [user.id] }),
}));
