/**
 * A Better Auth plugin for rotating the auth secret without signing anyone out.
 *
 * With versioned secrets (`BETTER_AUTH_SECRETS=2:new,1:old`) Better Auth decrypts with every
 * listed secret, but it checks signatures with the current one only: session cookies and the
 * tokens of mailed verification links signed before the switch would stop working. This plugin
 * re-signs them with the current secret for the duration of the call.
 *
 * It is a `before` hook, not `onRequest`: hooks run for every endpoint whether it is reached
 * through the HTTP handler (/api/auth/*) or called on the server as `auth.api.getSession(…)`, which
 * is how server-rendered pages read the session (web/lib/auth/server.ts). `onRequest` runs in the
 * handler only, so pages signed out everyone who had signed in before the rotation.
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { resignCookieHeader } from "./signed-cookies.ts";
import { resignVerificationToken } from "./verification-tokens.ts";

export const earlierSecrets = (current: string, earlier: readonly string[]) =>
  ({
    id: "earlier-secrets",
    hooks: {
      before: [
        {
          matcher: () => earlier.length > 0,
          handler: createAuthMiddleware(async (ctx) => {
            const context: { headers?: Headers; query?: Record<string, unknown> } = {};
            const cookie = ctx.headers?.get("cookie");
            const resignedCookie = cookie ? await resignCookieHeader(cookie, current, earlier) : undefined;
            if (resignedCookie) {
              context.headers = new Headers(ctx.headers);
              context.headers.set("cookie", resignedCookie);
            }
            const token = ctx.path === "/verify-email" ? ctx.query?.token : undefined;
            const resignedToken = typeof token === "string" ? await resignVerificationToken(token, current, earlier) : undefined;
            if (resignedToken) context.query = { ...ctx.query, token: resignedToken };
            return { context };
          }),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;
