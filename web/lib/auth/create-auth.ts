/**
 * The Better Auth factory: one instance per request, on a per-request Neon Pool (Workers cannot
 * share sockets across requests). The caller ends the Pool after the response with `release()`,
 * which hands `pool.end()` to `ctx.waitUntil`.
 */
import { Pool } from "@neondatabase/serverless";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
// The minimal build leaves out the Kysely adapter, which this app (on Drizzle) never uses.
import { betterAuth } from "better-auth/minimal";
import { drizzle } from "drizzle-orm/neon-serverless";
import * as schema from "../../../drizzle/index.ts";
import { pointNeonAtLocalEndpoint } from "../../../drizzle/neon-local.ts";
import { accountFieldLimits } from "./account-field-limits.ts";
import { earlierSecretCookies } from "./earlier-secret-cookies.ts";
import { type AuthBindings, readAuthEnv } from "./env.ts";
import { freshSessionForTokens } from "./fresh-session-for-tokens.ts";
import { authOptions, jwtPlugin } from "./options.ts";

export type WaitUntil = { waitUntil(promise: Promise<unknown>): void };

export function createAuth(env: AuthBindings, ctx: WaitUntil) {
  const config = readAuthEnv(env);
  pointNeonAtLocalEndpoint(config.neonLocalEndpoint);
  const pool = new Pool({ connectionString: config.databaseUrl });
  // A socket closed by the peer after Terminate raises an error event; without a listener it is uncaught.
  pool.on("error", (error: Error) =>
    console.warn(JSON.stringify({ level: "warn", event: "db_pool_error", error: error.message })),
  );

  const auth = betterAuth({
    ...authOptions,
    secret: config.secret,
    secrets: config.secrets,
    baseURL: config.baseURL,
    trustedOrigins: config.trustedOrigins,
    database: drizzleAdapter(drizzle({ client: pool, schema }), { provider: "pg", schema }),
    plugins: [
      jwtPlugin(config.baseURL),
      freshSessionForTokens(),
      accountFieldLimits(),
      earlierSecretCookies(config.currentSecret, config.earlierSecrets),
    ],
    advanced: {
      useSecureCookies: config.baseURL.startsWith("https://"),
      // Behind Cloudflare the client's address is cf-connecting-ip; without it every client
      // would share one rate-limit bucket. Only this header: X-Forwarded-For is client-controlled.
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] },
    },
  });
  return { auth, release: () => ctx.waitUntil(pool.end()) };
}

export type Auth = ReturnType<typeof createAuth>["auth"];
