/**
 * A Better Auth plugin: where a page sends a browser whose session cookie names no live session.
 *
 *   GET /api/auth/session-ended?from=<path>
 *     no live session → 302 /signin?from=<path>&reason=session-ended, clearing every session cookie
 *     a live session  → 302 <path>, clearing nothing
 *
 * A server-rendered page cannot set cookies, so the protected layout, finding no session, could
 * only redirect to /signin with the dead cookie still there; the middleware, seeing a session
 * cookie, sent /signin back to /dashboard, and the browser looped until it gave up. This response
 * is the first that can clear the cookie (session token, cookie cache, "don't remember me", with
 * their __Secure- prefix when deployed: Better Auth's own deleteSessionCookie).
 *
 * The session is read from the database, not the cookie cache: it is the authority the layout
 * consulted. A live one is left alone, so a link to this path from another site signs nobody
 * out. A database failure is an error (500), never a reason to clear a cookie.
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthEndpoint } from "better-auth/api";
import { deleteSessionCookie } from "better-auth/cookies";
import * as v from "valibot";
import { safeRedirectPath } from "../../ui/safe-redirect.ts";
import { signInAfterSessionEnded } from "../../ui/session-ended.ts";
import { SESSION_ENDED_PATH } from "./url.ts";

export const sessionEnded = () =>
  ({
    id: "session-ended",
    endpoints: {
      sessionEnded: createAuthEndpoint(
        SESSION_ENDED_PATH,
        { method: "GET", query: v.object({ from: v.optional(v.string()) }) },
        async (ctx) => {
          const from = safeRedirectPath(ctx.query.from);
          ctx.setHeader("Cache-Control", "no-store");
          const token = await ctx.getSignedCookie(ctx.context.authCookies.sessionToken.name, ctx.context.secret);
          const found = token ? await ctx.context.internalAdapter.findSession(token) : null;
          if (found && found.session.expiresAt > new Date()) throw ctx.redirect(from);
          // Every auth cookie goes; pending-sign-ups' after hook sees this and forgets its cookie too.
          deleteSessionCookie(ctx);
          throw ctx.redirect(signInAfterSessionEnded(from));
        },
      ),
    },
  }) satisfies BetterAuthPlugin;
