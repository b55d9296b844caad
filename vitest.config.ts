// Tests: the API worker inside workerd (@cloudflare/vitest-pool-workers, built from wrangler.toml)
// against real services that test/global-setup.ts starts; Node-side tests for the local database.
// Docs: https://developers.cloudflare.com/workers/testing/vitest-integration/
import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// The web's server modules import "server-only", which throws unless resolved under React's
// "react-server" condition (as Next.js does for server code) so that a client import fails the
// build. These projects run those modules outside Next: they get the package's own empty module,
// the one that condition picks. The happy-dom project (web/vitest.config.ts) keeps the throwing
// one, as the browser bundle would.
const serverOnlyOutsideNext = {
  alias: { "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)) },
};

export default defineConfig({
  test: {
    // Request logs only for failing tests.
    silent: "passed-only",
    projects: [
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: "./worker-api/src/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                DATABASE_URL: inject("apiDatabaseUrl"),
                TEST_OWNER_DATABASE_URL: inject("databaseUrl"),
                TEST_ROLES_ENFORCED: inject("rolesEnforced"),
                NEON_LOCAL_ENDPOINT: inject("neonEndpoint"),
                JWKS_URL: `${inject("jwksServer")}/jwks/default`,
                TEST_JWKS_SERVER: inject("jwksServer"),
                TEST_KEYS: inject("testKeys"),
                TEST_DOWN_DATABASE: inject("downDatabase"),
              },
            },
          })),
        ],
        test: {
          name: "workers",
          include: ["worker-api/test/**/*.test.ts"],
          // One file at a time: connections.test.ts counts the database's open connections.
          fileParallelism: false,
          globalSetup: ["./test/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Better Auth (web) against the API worker, in workerd with nodejs_compat (scrypt). With the
        // web's "@/" imports, for the middleware (web/test/session-ended.workers.test.ts).
        resolve: { alias: { ...serverOnlyOutsideNext.alias, "@": fileURLToPath(new URL("./web", import.meta.url)) } },
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              compatibilityFlags: ["nodejs_compat"],
              bindings: {
                DATABASE_URL: inject("databaseUrl"),
                NEON_LOCAL_ENDPOINT: inject("neonEndpoint"),
                MAIL_CAPTURE_URL: inject("mailbox"),
                // Not in authEnv: the OAuth tests (web/test/oauth-helpers.ts) switch the provider on.
                TEST_OIDC: inject("oidc"),
              },
            },
          })),
        ],
        test: {
          name: "web-workers",
          include: ["web/test/**/*.workers.test.ts"],
          // One file at a time: key-rotation.workers.test.ts changes the signing keys all of them use.
          fileParallelism: false,
          globalSetup: ["./test/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // Component tests (happy-dom), configured in web/.
      "./web/vitest.config.ts",
      {
        resolve: serverOnlyOutsideNext,
        test: {
          name: "node",
          environment: "node",
          pool: "forks",
          // web/test/*.node.test.ts: the web worker's plain modules (e-mail templates, sender) in Node.
          // test/*.node.test.ts: checks over the whole tree (import cycles). bench/*.test.ts: the benches' own arithmetic.
          include: ["scripts/**/*.test.ts", "bench/**/*.test.ts", "web/test/**/*.node.test.ts", "test/**/*.node.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
