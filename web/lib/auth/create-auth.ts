/**
 * The Better Auth factory: one instance per request, over Neon's HTTP transport. Each query is
 * one HTTPS request: no connection to open first (a WebSocket Pool costs round trips of its own
 * before the first query, and every round trip crosses the distance to the database). HTTP has no
 * interactive transactions; Better Auth's become batches (batched-transactions.ts).
 * Work Better Auth runs after the response (pruning, mail, background writes) goes to `ctx.waitUntil`.
 */
// The minimal build leaves out the Kysely adapter, which this app (on Drizzle) never uses.
import "server-only";
import { betterAuth } from "better-auth/minimal";
import { httpDatabase } from "../../../drizzle/http-database.ts";
import { pointNeonAtLocalEndpoint } from "../../../drizzle/neon-local.ts";
import { type MailQueue, mailSender } from "../email/mail-sender.ts";
import { recipientLimit } from "../email/recipient-limit.ts";
import { readEnv, type WebBindings } from "../env.ts";
import type { WaitUntil } from "../worker-context.ts";
import { accountMail } from "./account-mail.ts";
import { signInsInOneBatch } from "./activity/sign-in-batch.ts";
import { queryDatabaseWithoutNextFetch } from "./database-fetch.ts";
import { answeringUnexpectedErrors } from "./json-errors.ts";
import { authOptions } from "./options.ts";
import type { LiveControl } from "./plugins/live-sockets/index.ts";
import { oauthCallbacksInOneBatch } from "./providers/callback-batch.ts";
import { boundingProviderRequests } from "./providers/provider-timeout.ts";
import { readProviderSettings } from "./providers/settings.ts";
import { rateLimitStorage } from "./rate-limit-storage.ts";

export function createAuth(bindings: WebBindings & { LIVE?: unknown; MAIL_QUEUE?: unknown }, ctx: WaitUntil) {
  // Reads every setting, e-mail's included: a deploy without its mail secrets refuses every request.
  const env = readEnv(bindings);
  pointNeonAtLocalEndpoint(env.neonLocalEndpoint);
  queryDatabaseWithoutNextFetch();
  const db = httpDatabase(env.databaseUrl);
  // The mail limit shares the rate-limit table; the request's own limit prunes it already.
  // Through the mail queue where the worker has one (mail-sender.ts says where it has not).
  const send = mailSender(env.email, bindings.MAIL_QUEUE as MailQueue | undefined);
  const mail = accountMail(env, ctx, recipientLimit(rateLimitStorage(db, ctx, { prune: false })), console.warn, send);
  // `wrangler types` types a binding to another worker's entrypoint as a bare Service: its methods
  // are LiveControl's (worker-api/src/live/live-control.ts).
  const live = bindings.LIVE as LiveControl | undefined;
  const providers = readProviderSettings(bindings);
  const auth = betterAuth(authOptions({ env, db, ctx, mail, live, providers }));
  // What Better Auth throws instead of answering (options.ts: `onAPIError.throw`): a 500 JSON answer.
  // OAuth callbacks write in one batch (providers/callback-batch.ts); a provider's answers wait at
  // most its time limit (providers/provider-timeout.ts).
  // A sign-in's session and its activity record in one batch too (activity/sign-in-batch.ts).
  const batched = signInsInOneBatch(oauthCallbacksInOneBatch(auth.handler, db, env.baseURL), db);
  const handler = boundingProviderRequests(batched, providers.timeoutMs);
  return Object.assign(auth, { handler: answeringUnexpectedErrors(handler) });
}

export type Auth = ReturnType<typeof createAuth>;
