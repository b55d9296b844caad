/**
 * A Better Auth plugin: sensitive actions need a sign-in in the last 10 minutes (rule.ts lists
 * them), so a stolen or left-open session cookie cannot change the e-mail or the password, delete
 * the account, connect or disconnect a provider, sign the owner's other devices out, turn
 * two-factor off, or add or remove a passkey.
 *
 *   any sensitive path, sign-in older than 10 minutes → 403 { code: "FRESH_SIGN_IN_REQUIRED" }, before anything runs
 *   POST /api/auth/fresh-sign-in          { password }  (password.ts)
 *   POST /api/auth/fresh-sign-in/passkey  { response }  a passkey of this person (passkey.ts)
 *   POST /api/auth/fresh-sign-in/code     { code }      a code from the authenticator app (code.ts)
 *     → { status: true }: this session counts as signed in now (renew.ts)
 *
 * The sign-in time is the session's `createdAt`: Better Auth sets it when a sign-in creates the
 * session and never moves it, while `updatedAt` and `expiresAt` move on every refresh (so a session
 * kept alive by use is not fresh). Better Auth's own `session.freshAge` covers only three
 * endpoints (list-sessions, unlink-account, delete-user without a password) and this app's own
 * /devices/revoke not at all, hence this hook over every path.
 *
 * A fresh sign-in is a sign-in without a new session. A person with none of the three answers
 * signs in again through their provider instead (a new session, fresh by birth).
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import type { HttpDatabase } from "../../../../../drizzle/http-database.ts";
import type { RelyingParty } from "../passkeys/relying-party.ts";
import { freshSignInWithCode } from "./code.ts";
import { freshSignInWithPasskey } from "./passkey.ts";
import { freshSignInWithPassword } from "./password.ts";
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

export const freshSignIn = (db: HttpDatabase, relyingParty: RelyingParty) =>
  ({
    id: "fresh-sign-in",
    hooks: {
      before: [{ matcher: (context) => context.path !== undefined && sensitive.has(context.path), handler: requireFreshSignIn }],
    },
    // Each checks a secret: as few guesses as sign-in allows (options.ts: 5 a minute per address
    // and path); a code is also held to the person's two-factor lock-out (code.ts).
    rateLimit: [{ pathMatcher: (path) => path === "/fresh-sign-in" || path.startsWith("/fresh-sign-in/"), window: 60, max: 5 }],
    endpoints: {
      freshSignIn: freshSignInWithPassword(),
      freshSignInWithPasskey: freshSignInWithPasskey(db, relyingParty),
      freshSignInWithCode: freshSignInWithCode(db),
    },
  }) satisfies BetterAuthPlugin;
