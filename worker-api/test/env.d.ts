// Test-only bindings, set in vitest.config.ts (`miniflare.bindings`) from what
// test/global-setup.ts provides.
import type { TestKeys } from "../../test/test-keys.ts";

declare global {
  namespace Cloudflare {
    interface Env {
      /** Base URL of the test JWKS origin (test/jwks-server.ts). */
      TEST_JWKS_SERVER: string;
      /** Private test keys, to sign tokens inside workerd. */
      TEST_KEYS: TestKeys;
      /** The database's owner, for setting up users and sessions (the API itself is `tasks_api`). */
      TEST_OWNER_DATABASE_URL: string;
      /** Whether DATABASE_URL is held to the `tasks_api` role's privileges (PostgreSQL, not PGlite). */
      TEST_ROLES_ENFORCED: boolean;
      /** A database that is down, behind a working local endpoint (`withDatabaseDown` in helpers.ts). */
      TEST_DOWN_DATABASE: { databaseUrl: string; neonEndpoint: string };
      /** The web tests' dev mailbox (test/global-setup.ts): where the web worker's mail goes. */
      MAIL_CAPTURE_URL: string;
      /** The dev OpenID provider (scripts/dev-oidc) and the web tests' client there. */
      TEST_OIDC: { issuer: string; clientId: string; clientSecret: string; downIssuer: string; silentIssuer: string };
    }
  }
}
