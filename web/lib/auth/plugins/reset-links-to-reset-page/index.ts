/**
 * Reset links land on /reset-password, whatever `redirectTo` the request for them named.
 *
 * The mailed link (`resetPasswordLink`) goes straight to the page with the token in the URL's
 * fragment: a fragment is never sent to a server, so the token is in no access log, whereas
 * Better Auth's own link (GET /api/auth/reset-password/<token>) puts it in the path, then in the
 * page's query string. The page reads it, removes it from the address bar and posts it with the
 * new password, where it is checked and spent.
 * Better Auth's GET endpoint stays (for a link mailed before this change) but redirects only to
 * the page: a request naming `redirectTo: "/signin"` no longer lands a token on /signin.
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";

export const RESET_PASSWORD_PAGE = "/reset-password";

/** The link mailed for a reset token. */
export function resetPasswordLink(baseURL: string, token: string): string {
  return `${new URL(baseURL).origin}${RESET_PASSWORD_PAGE}#${new URLSearchParams({ token })}`;
}

export const resetLinksToResetPage = () =>
  ({
    id: "reset-links-to-reset-page",
    hooks: {
      before: [
        {
          matcher: (context) => context.path === "/reset-password/:token",
          handler: createAuthMiddleware(async (ctx) => ({
            context: { query: { ...ctx.query, callbackURL: RESET_PASSWORD_PAGE } },
          })),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;
