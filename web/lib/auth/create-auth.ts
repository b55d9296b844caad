/**
 * The Better Auth factory: one instance per request, over Neon's HTTP transport. Each query is
 * one HTTPS request: no connection to open first (a WebSocket Pool costs round trips of its own
 * before the first query, and every round trip crosses the distance to the database). HTTP has no
 * interactive transactions; Better Auth's become batches (batched-transactions.ts).
 * Work Better Auth runs after the response (pruning, background writes) goes to `ctx.waitUntil`.
 */
import { drizzleAdapter } from "better-auth/adapters/drizzle";
// The minimal build leaves out the Kysely adapter, which this app (on Drizzle) never uses.
import { betterAuth } from "better-auth/minimal";
import { eq } from "drizzle-orm";
import { httpDatabase } from "../../../drizzle/http-database.ts";
import * as schema from "../../../drizzle/index.ts";
import { pointNeonAtLocalEndpoint } from "../../../drizzle/neon-local.ts";
import { recipientLimit } from "../email/recipient-limit.ts";
import { type AuthBindings, readAuthEnv } from "../env.ts";
import { type AccountMailBindings, accountMailOptions } from "./account-mail.ts";
import { withBatchedTransactions } from "./batched-transactions.ts";
import { authOptions, jwtPlugin } from "./options.ts";
import { accountFieldLimits } from "./plugins/account-field-limits/index.ts";
import { devices } from "./plugins/devices/index.ts";
import { earlierSecretCookies } from "./plugins/earlier-secret-cookies/index.ts";
import { freshSessionForTokens } from "./plugins/fresh-session-for-tokens/index.ts";
import { passwordToDeleteAccount } from "./plugins/password-to-delete-account/index.ts";
import { pendingSignUps } from "./plugins/pending-sign-ups/index.ts";
import { verificationPruning } from "./plugins/verification-pruning/index.ts";
import { rateLimitStorage } from "./rate-limit-storage.ts";

export type WaitUntil = { waitUntil(promise: Promise<unknown>): void };

export function createAuth(env: AuthBindings & AccountMailBindings, ctx: WaitUntil) {
  const config = readAuthEnv(env);
  pointNeonAtLocalEndpoint(config.neonLocalEndpoint);
  const db = httpDatabase(config.databaseUrl);
  // Reads the e-mail settings too: a deploy without its mail secrets refuses every request.
  const mail = accountMailOptions({
    env,
    ctx,
    baseURL: config.baseURL,
    recipientLimit: recipientLimit(rateLimitStorage(db, ctx, { prune: false })),
  });

  return betterAuth({
    ...authOptions,
    secret: config.secret,
    secrets: config.secrets,
    baseURL: config.baseURL,
    trustedOrigins: config.trustedOrigins,
    emailAndPassword: { ...authOptions.emailAndPassword, ...mail.emailAndPassword },
    emailVerification: mail.emailVerification,
    user: {
      ...mail.user,
      deleteUser: {
        ...mail.user.deleteUser,
        // A pending reset link names the user by id: it goes with them, so no row of theirs is left.
        beforeDelete: async (user) => {
          await db.delete(schema.verification).where(eq(schema.verification.value, user.id));
        },
      },
    },
    // Better Auth's transactions (sign-up's user, account and session) as one batch: batched-transactions.ts.
    database: drizzleAdapter(withBatchedTransactions(db), { provider: "pg", schema, transaction: true }),
    rateLimit: { ...authOptions.rateLimit, customStorage: rateLimitStorage(db, ctx) },
    // Pruned after the response instead (plugins/verification-pruning): in the request it made an
    // unknown address at forgot-password two round trips slower than a known one.
    verification: { disableCleanup: true },
    plugins: [
      jwtPlugin(config.baseURL),
      freshSessionForTokens(),
      accountFieldLimits(),
      passwordToDeleteAccount(),
      devices(),
      verificationPruning(db, ctx),
      pendingSignUps(db),
      earlierSecretCookies(config.currentSecret, config.earlierSecrets),
    ],
    advanced: {
      useSecureCookies: config.baseURL.startsWith("https://"),
      // Behind Cloudflare the client's address is cf-connecting-ip; without it every client
      // would share one rate-limit bucket. Only this header: X-Forwarded-For is client-controlled.
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] },
      // A session with its user, a user with their accounts: one query each (drizzle/auth-relations.ts).
      database: { joins: true },
      backgroundTasks: { handler: (promise) => ctx.waitUntil(promise) },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
