/**
 * A Better Auth plugin: `/delete-user` needs the account's password. Better Auth verifies a
 * password when one is given, but without one it settles for a session younger than a day: a
 * borrowed, still-open browser could then erase the account. So a body without a password is
 * refused with 400 before Better Auth reads anything.
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";

export const passwordToDeleteAccount = () =>
  ({
    id: "password-to-delete-account",
    hooks: {
      before: [
        {
          matcher: (context) => context.path === "/delete-user",
          handler: createAuthMiddleware(async (ctx) => {
            const password: unknown = (ctx.body as { password?: unknown } | undefined)?.password;
            if (typeof password !== "string" || password.length === 0) {
              throw new APIError("BAD_REQUEST", {
                code: "PASSWORD_REQUIRED",
                message: "Enter your password to delete your account.",
              });
            }
          }),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;
