/**
 * A Better Auth plugin: a provider's ID token is never written to the `account` row.
 *
 * Why: Better Auth encrypts the access and refresh tokens (`encryptOAuthTokens`) but stores the ID
 * token as it came, a signed statement of the person's e-mail and name readable by anyone who can
 * read the table or a backup of it. Nothing here needs it after the callback has verified it: the
 * app keeps no provider session to end (`disableProviderLogout`), so no `id_token_hint` is sent.
 * A row written before this plugin loses its ID token at the next sign-in with that identity.
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";

export const noIdTokens = () =>
  ({
    id: "no-id-tokens",
    init: () => ({
      options: {
        databaseHooks: {
          account: {
            create: { before: async (account) => ({ data: { ...account, idToken: null } }) },
            update: {
              before: async (account) => ("idToken" in account ? { data: { ...account, idToken: null } } : undefined),
            },
          },
        },
      },
    }),
  }) satisfies BetterAuthPlugin;
