/**
 * What a new account from an OAuth sign-in may be.
 *
 * - Only for an address the provider has verified. GitHub lets anyone add an address they do not
 *   own (unverified) and Google reports `email_verified: false` for some; an account created
 *   from such an address would sit on someone else's e-mail, and when that person later signed up
 *   with a password, the stranger's identity would already be attached to their account
 *   (pre-hijacking). The callback refuses: the sign-in problem page
 *   (`email_not_verified_by_provider`), and nothing is created.
 * - With a name the database accepts (provider-name.ts) and no picture: the app stores none (the
 *   `user` CHECKs), and the provider's would ride in every session cookie.
 * Existing accounts follow Better Auth's linking rules (options.ts: `account`).
 */
import type { BetterAuthPlugin } from "better-auth";
import { APIError } from "better-auth/api";
import { providerName } from "./provider-name.ts";

const OAUTH_CALLBACK = "/callback/:id";

export const oauthSignUps = () =>
  ({
    id: "oauth-sign-ups",
    init: () => ({
      options: {
        databaseHooks: {
          user: {
            create: {
              before: async (user, ctx) => {
                if (ctx?.path !== OAUTH_CALLBACK) return;
                if (!user.emailVerified) {
                  throw new APIError("FORBIDDEN", {
                    code: "email_not_verified_by_provider",
                    message: "The provider has not verified this e-mail address.",
                  });
                }
                return { data: { ...user, name: providerName(user.name, user.email), image: undefined } };
              },
            },
          },
        },
      },
    }),
  }) satisfies BetterAuthPlugin;
