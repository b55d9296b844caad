/**
 * A Better Auth plugin: `/token` reads the session from the database, never from the cookie cache.
 * The cache (`session_data`, signed, 5 minutes) would otherwise keep minting JWTs for a session
 * that was signed out or revoked elsewhere until it expired; the API refuses those JWTs anyway,
 * but a signed-out browser should not be handed new ones in the first place.
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";

export const freshSessionForTokens = () =>
  ({
    id: "fresh-session-for-tokens",
    hooks: {
      before: [
        {
          matcher: (context) => context.path === "/token",
          handler: createAuthMiddleware(async (ctx) => ({
            context: { query: { ...ctx.query, disableCookieCache: true } },
          })),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;
