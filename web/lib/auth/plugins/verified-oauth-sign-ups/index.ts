/**
 * A new account from an OAuth sign-in only for an address the provider has verified.
 *
 * GitHub lets anyone add an address they do not own (unverified) and Google reports
 * `email_verified: false` for some; an account created from such an address would sit on
 * someone else's e-mail, and when that person later signs up with a password, the stranger's
 * identity would already be attached to their account (pre-hijacking). So the callback refuses:
 * the person lands on the sign-in problem page (`email_not_verified_by_provider`) and nothing is
 * created. Existing accounts follow Better Auth's linking rules (options.ts: `account`).
 */
import type { BetterAuthPlugin } from "better-auth";
import { APIError } from "better-auth/api";

const OAUTH_CALLBACK = "/callback/:id";

export const verifiedOAuthSignUps = () =>
  ({
    id: "verified-oauth-sign-ups",
    init: () => ({
      options: {
        databaseHooks: {
          user: {
            create: {
              before: async (user, ctx) => {
                if (ctx?.path !== OAUTH_CALLBACK || user.emailVerified) return;
                throw new APIError("FORBIDDEN", {
                  code: "email_not_verified_by_provider",
                  message: "The provider has not verified this e-mail address.",
                });
              },
            },
          },
        },
      },
    }),
  }) satisfies BetterAuthPlugin;
