/**
 * Better Auth's options, whole, in one object: the settings that never change, what the
 * environment adds (secrets, URLs, whether e-mail must be verified, the mail it sends), where it
 * stores things, and the plugin list. create-auth.ts builds the parts once per request.
 * Docs: https://www.better-auth.com/docs/reference/options
 */
import "server-only";
import type { BetterAuthOptions } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { eq } from "drizzle-orm";
import type { HttpDatabase } from "../../../drizzle/http-database.ts";
import * as schema from "../../../drizzle/index.ts";
import type { WebEnv } from "../env.ts";
import { authLogger } from "../log/auth-logger.ts";
import type { WaitUntil } from "../worker-context.ts";
import type { AccountMail } from "./account-mail.ts";
import { recordingPasswordReset } from "./activity/record.ts";
import { withBatchedTransactions } from "./batched-transactions.ts";
import { jwtPlugin } from "./jwt.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy.ts";
import { accountActivity } from "./plugins/account-activity/index.ts";
import { accountFieldLimits } from "./plugins/account-field-limits/index.ts";
import { confirmedEmailChange } from "./plugins/confirmed-email-change/index.ts";
import { devices } from "./plugins/devices/index.ts";
import { earlierSecrets } from "./plugins/earlier-secrets/index.ts";
import { freshSessionForTokens } from "./plugins/fresh-session-for-tokens/index.ts";
import { freshSignIn } from "./plugins/fresh-sign-in/index.ts";
import { type LiveControl, liveSockets } from "./plugins/live-sockets/index.ts";
import { passkeys } from "./plugins/passkeys/index.ts";
import { relyingParty } from "./plugins/passkeys/relying-party.ts";
import { passwordToDeleteAccount } from "./plugins/password-to-delete-account/index.ts";
import { pendingSignUps } from "./plugins/pending-sign-ups/index.ts";
import { resetLinksToResetPage } from "./plugins/reset-links-to-reset-page/index.ts";
import { sessionEnded } from "./plugins/session-ended/index.ts";
import { CLOSED_TWO_FACTOR_PATHS } from "./plugins/two-factor/code-step-only.ts";
import { twoFactorAuthentication } from "./plugins/two-factor/index.ts";
import { verificationPruning } from "./plugins/verification-pruning/index.ts";
import { providerOptions } from "./providers/index.ts";
import type { ProviderSettings } from "./providers/settings.ts";
import { SIGN_IN_PROBLEM_PATH } from "./providers/sign-in-problem.ts";
import { rateLimitStorage } from "./rate-limit-storage.ts";
import { joiningRequestBatch } from "./request-batch.ts";

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

export type AuthParts = {
  /** The worker's environment, read (web/lib/env.ts). */
  env: WebEnv;
  db: HttpDatabase;
  /** Work after the response: mail, pruning, Better Auth's background writes. */
  ctx: WaitUntil;
  /** The account e-mails' callbacks (account-mail.ts). */
  mail: AccountMail;
  /** The API worker's `LiveControl` (service binding `LIVE`), to close ended sessions' sockets. */
  live?: LiveControl | undefined;
  /** The sign-in providers this environment offers (providers/settings.ts). */
  providers: ProviderSettings;
};

export function authOptions({ env, db, ctx, mail, live, providers }: AuthParts) {
  const oauth = providerOptions(providers);
  return {
    basePath: "/api/auth",
    baseURL: env.baseURL,
    trustedOrigins: env.trustedOrigins,
    secret: env.secret,
    secrets: env.secrets,
    // They name sessions by their tokens, the secret each device's cookie carries: listing them hands
    // every device's credential to the page's JavaScript. Settings uses /devices (plugins/devices) instead.
    // /verify-password answers whether a password is right, for a session: nothing here uses it, and
    // it had no attempt limit of its own. Switched off, it answers 404 before any password is checked.
    disabledPaths: ["/list-sessions", "/revoke-session", "/verify-password", ...CLOSED_TWO_FACTOR_PATHS],
    // Every line as one escaped, bounded JSON line without tokens (web/lib/log).
    logger: authLogger(),
    // Errors leave Better Auth's router unlogged: its own errors still become their JSON responses
    // there, anything else is thrown to json-errors.ts's `answeringUnexpectedErrors` (one safe line,
    // a 500 JSON answer). Otherwise it echoes every error's message through a default console
    // logger, outside `logger`, and prints unexpected errors raw.
    // A failed OAuth sign-in or connection lands on a page that says what happened (providers/sign-in-problem.ts).
    onAPIError: { throw: true, errorURL: `${env.baseURL}${SIGN_IN_PROBLEM_PATH}` },
    // Better Auth's transactions (sign-up's user, account and session) as one batch: batched-transactions.ts.
    // An OAuth callback's writes, transactions included, as one batch too: request-batch.ts.
    database: drizzleAdapter(joiningRequestBatch(withBatchedTransactions(db)), { provider: "pg", schema, transaction: true }),

    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      autoSignIn: true,
      requireEmailVerification: env.emailVerificationRequired,
      resetPasswordTokenExpiresIn: HOUR,
      // A reset is how someone who lost control of their account takes it back: every device out.
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: mail.sendResetPassword,
      // Recorded on the account's activity first (activity/record.ts), then its owner is told.
      onPasswordReset: recordingPasswordReset(db, ctx, mail.onPasswordReset),
      onExistingUserSignUp: mail.onExistingUserSignUp,
    },
    emailVerification: {
      sendOnSignUp: true,
      // Only the browser that signed up is signed in by the link: plugins/pending-sign-ups decides.
      autoSignInAfterVerification: false,
      expiresIn: HOUR,
      sendVerificationEmail: mail.sendVerificationEmail,
    },
    user: {
      // The old address confirms first: plugins/confirmed-email-change sets `sendChangeEmailConfirmation`.
      changeEmail: { enabled: true },
      deleteUser: {
        enabled: true,
        // A pending reset link names the user by id: it goes with them, so no row of theirs is left.
        beforeDelete: async (user) => {
          await db.delete(schema.verification).where(eq(schema.verification.value, user.id));
        },
        afterDelete: mail.afterDelete,
      },
    },
    // GitHub, Google, an OpenID Connect provider: each only where configured (providers/).
    socialProviders: oauth.socialProviders,
    account: {
      // A provider identity joins an existing account by itself only when the provider says the
      // address is verified and the account's own address is verified (Better Auth's rule, kept
      // explicit); otherwise the sign-in problem page, and nothing is linked or created.
      accountLinking: { enabled: true, requireLocalEmailVerified: true, allowDifferentEmails: false },
      // Provider access and refresh tokens are stored encrypted with the secret.
      encryptOAuthTokens: true,
      // The OAuth state and PKCE verifier in an encrypted cookie, not a verification row: no
      // database round trip to start a sign-in, two fewer in the callback. Single use: the
      // callback expires it, and the provider's code is single use too.
      storeStateStrategy: "cookie",
    },
    session: {
      expiresIn: 7 * DAY,
      updateAge: DAY,
      // get-session answers from a signed cookie for 5 minutes: no database round trip.
      cookieCache: { enabled: true, maxAge: 5 * 60 },
    },
    rateLimit: {
      enabled: true,
      // Shared by every isolate, unlike the default in-memory store, in one atomic upsert per hit
      // instead of Better Auth's read-then-write (rate-limit-storage.ts).
      storage: "database",
      customStorage: rateLimitStorage(db, ctx),
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: 5 },
        "/sign-up/email": { window: 60, max: 5 },
        // Each sends an e-mail (a mail bomb otherwise) or checks a password (guessing otherwise):
        // sign-in, change-email, delete-user and change-password check one, 5 a minute each.
        "/send-verification-email": { window: 60, max: 3 },
        "/request-password-reset": { window: 60, max: 3 },
        "/change-email": { window: 60, max: 5 },
        "/delete-user": { window: 60, max: 5 },
        // Better Auth's default here is 3 per 10 seconds: 18 guesses a minute at the current password.
        "/change-password": { window: 60, max: 5 },
        // Not limited: each check is a database round trip, and these must stay cheap — get-session
        // answers from the cookie cache, and the JWKS is public and cached by the API worker.
        "/get-session": false,
        "/jwks": false,
        // Answers only a valid session (the cookie's signature is checked before any database read),
        // and browsers ask for a token once per 14 minutes: a limit row would double its round trips.
        "/token": false,
        // A redirect that reads the session only when the cookie's signature holds (plugins/session-ended).
        "/session-ended": false,
        // Each starts a sign-in at a provider. The callback itself only finishes one that these
        // started (its state cookie is required), and a limit row would be a fourth round trip.
        "/sign-in/social": { window: 60, max: 10 },
        "/link-social": { window: 60, max: 10 },
        "/callback/*": false,
      },
    },
    // Pruned after the response instead (plugins/verification-pruning): in the request it made an
    // unknown address at forgot-password two round trips slower than a known one.
    verification: { disableCleanup: true },

    plugins: [
      jwtPlugin(env.baseURL),
      freshSessionForTokens(),
      freshSignIn(db, relyingParty(env.baseURL)),
      accountFieldLimits(),
      passwordToDeleteAccount(),
      confirmedEmailChange(mail.sendEmailChangeConfirmation),
      resetLinksToResetPage(),
      devices(),
      verificationPruning(db, ctx),
      pendingSignUps(db),
      earlierSecrets(env.currentSecret, env.earlierSecrets),
      sessionEnded(),
      liveSockets(live, ctx),
      ...twoFactorAuthentication(db),
      passkeys(env.baseURL, db),
      accountActivity(db, ctx, {
        passwordChanged: mail.onPasswordChanged,
        twoFactorDisabled: mail.onTwoFactorDisabled,
        passkeyAdded: mail.onPasskeyAdded,
      }),
      ...oauth.plugins,
    ],

    advanced: {
      useSecureCookies: env.baseURL.startsWith("https://"),
      // Behind Cloudflare the client's address is cf-connecting-ip; without it every client
      // would share one rate-limit bucket. Only this header: X-Forwarded-For is client-controlled.
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] },
      // A session with its user, a user with their accounts: one query each (drizzle/auth-relations.ts).
      database: { joins: true },
      backgroundTasks: { handler: (promise) => ctx.waitUntil(promise) },
    },
  } satisfies BetterAuthOptions;
}
