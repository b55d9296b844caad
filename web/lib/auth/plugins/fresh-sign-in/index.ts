/**
 * A Better Auth plugin: sensitive actions need a sign-in in the last 10 minutes (rule.ts lists
 * them), so a stolen or left-open session cookie cannot change the e-mail or the password, delete
 * the account, connect or disconnect a provider, sign the owner's other devices out, turn
 * two-factor off, or add or remove a passkey.
 *
 *   any sensitive path, sign-in older than 10 minutes → 403 { code: "FRESH_SIGN_IN_REQUIRED" }, before anything runs
 *   POST /api/auth/fresh-sign-in { password } → { status: true }: this session counts as signed in now
 *
 * The sign-in time is the session's `createdAt`: Better Auth sets it when a sign-in creates the
 * session and never moves it, while `updatedAt` and `expiresAt` move on every refresh (so a session
 * kept alive by use is not fresh). Better Auth's own `session.freshAge` covers only three
 * endpoints (list-sessions, unlink-account, delete-user without a password) and this app's own
 * /devices/revoke not at all, hence this hook over every path.
 *
 * /fresh-sign-in is a sign-in without a new session: the password is checked as at sign-in, then
 * the session's sign-in time is set to now, and its cookie cache rewritten to say so. A person
 * without a password signs in again through their provider instead (a new session, fresh by birth).
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import {
  APIError,
  createAuthEndpoint,
  createAuthMiddleware,
  getSessionFromCtx,
  sensitiveSessionMiddleware,
} from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import * as v from "valibot";
import { FRESH_SIGN_IN_REQUIRED, SENSITIVE_PATHS, signedInRecently } from "./rule.ts";

const sensitive = new Set(SENSITIVE_PATHS);

/** Refuses a sensitive request whose session's sign-in is older than the rule allows. */
const requireFreshSignIn = createAuthMiddleware(async (ctx) => {
  // The cookie cache may answer: it is signed, and its `createdAt` can only lag the row's (a fresh
  // sign-in rewrites both), so it can refuse wrongly for a moment but never admit wrongly.
  // No session: the endpoint's own middleware answers 401.
  const session = await getSessionFromCtx(ctx);
  if (!session || signedInRecently(session.session.createdAt)) return;
  throw new APIError("FORBIDDEN", {
    code: FRESH_SIGN_IN_REQUIRED,
    message: "For your security, confirm it's you: sign in again to continue.",
  });
});

export const freshSignIn = () =>
  ({
    id: "fresh-sign-in",
    hooks: {
      before: [{ matcher: (context) => context.path !== undefined && sensitive.has(context.path), handler: requireFreshSignIn }],
    },
    // It checks a password: as few guesses as sign-in allows (options.ts: 5 a minute).
    rateLimit: [{ pathMatcher: (path) => path === "/fresh-sign-in", window: 60, max: 5 }],
    endpoints: {
      freshSignIn: createAuthEndpoint(
        "/fresh-sign-in",
        {
          method: "POST",
          use: [sensitiveSessionMiddleware],
          body: v.object({ password: v.pipe(v.string(), v.minLength(1, "Enter your password.")) }),
        },
        async (ctx) => {
          const { session, user } = ctx.context.session;
          const { password } = ctx.body;
          const account = await ctx.context.internalAdapter.findCredentialAccount(user.id);
          if (typeof account?.password !== "string") {
            throw new APIError("BAD_REQUEST", {
              code: "NO_PASSWORD",
              message: "Your account has no password: sign in again with the provider you use.",
            });
          }
          // Too long is wrong, without hashing it (the hash's cost grows with the length).
          const valid =
            password.length <= ctx.context.password.config.maxPasswordLength &&
            (await ctx.context.password.verify({ hash: account.password, password }));
          if (!valid) throw new APIError("BAD_REQUEST", { code: "INVALID_PASSWORD", message: "Invalid password" });
          const renewed = await ctx.context.internalAdapter.updateSession(session.token, { createdAt: new Date() });
          if (!renewed) throw new APIError("UNAUTHORIZED", { code: "UNAUTHORIZED", message: "Unauthorized" });
          await setSessionCookie(ctx, { session: renewed, user });
          return ctx.json({ status: true });
        },
      ),
    },
  }) satisfies BetterAuthPlugin;
