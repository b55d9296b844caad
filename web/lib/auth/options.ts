/**
 * Better Auth options that do not depend on the environment. The per-request instance
 * (web/lib/auth/create-auth.ts) adds the database, secrets, URLs, cookies and plugins.
 * Docs: https://www.better-auth.com/docs/reference/options
 */
import type { BetterAuthOptions } from "better-auth";
import { type JwtOptions, jwt } from "better-auth/plugins/jwt";
import { signingKeyCache } from "./keys/signing-key-cache.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy.ts";

const DAY = 60 * 60 * 24;

/**
 * The claims of every API token besides `sub`, whoever mints it (the browser's /api/auth/token or
 * a server component): only what the API needs. `sid` names the Better Auth session, so that the
 * API refuses the token as soon as that session ends. No profile data: it is unbounded (a long
 * name would push the token past the API's size limit) and unused.
 */
export const apiTokenClaims = (session: { id: string }) => ({ sid: session.id });

/** The JWT the API worker verifies: EdDSA, 15 minutes, a small payload. */
export function jwtPlugin(origin: string) {
  return jwt(jwtOptions(origin));
}

/** The jwt plugin's options; key rotation (keys/signing-keys.ts) creates keys with the same ones. */
export function jwtOptions(origin: string): JwtOptions {
  return {
    // The key table, read once a minute per isolate instead of once per token.
    adapter: signingKeyCache,
    jwks: {
      keyPairConfig: { alg: "EdDSA", crv: "Ed25519" },
      // A new signing key every 30 days; the old one stays in the JWKS for a day, far longer
      // than any token it signed (15 minutes) can live.
      rotationInterval: 30 * DAY,
      gracePeriod: DAY,
    },
    // The browser asks /api/auth/token when it needs a JWT. Without this, every get-session would
    // also sign one, reading the private key from the database: no more cookie-cache-only answers.
    disableSettingJwtHeader: true,
    jwt: {
      issuer: origin,
      audience: origin,
      expirationTime: "15m",
      // `sub` (the user) is added by the plugin.
      definePayload: ({ session }) => apiTokenClaims(session),
    },
  };
}

export const authOptions = {
  basePath: "/api/auth",
  // They name sessions by their tokens, the secret each device's cookie carries: listing them hands
  // every device's credential to the page's JavaScript. Settings uses /devices (plugins/devices) instead.
  disabledPaths: ["/list-sessions", "/revoke-session"],
  emailAndPassword: {
    enabled: true,
    minPasswordLength: PASSWORD_MIN_LENGTH,
    maxPasswordLength: PASSWORD_MAX_LENGTH,
    autoSignIn: true,
  },
  session: {
    expiresIn: 7 * DAY,
    updateAge: DAY,
    // get-session answers from a signed cookie for 5 minutes: no database round trip.
    cookieCache: { enabled: true, maxAge: 5 * 60 },
  },
  rateLimit: {
    enabled: true,
    // Shared by every isolate, unlike the default in-memory store; create-auth.ts replaces
    // Better Auth's read-then-write with one atomic upsert (rate-limit-storage.ts).
    storage: "database",
    window: 60,
    max: 100,
    customRules: {
      "/sign-in/email": { window: 60, max: 5 },
      "/sign-up/email": { window: 60, max: 5 },
      // Each sends an e-mail (a mail bomb otherwise) or checks a password (guessing otherwise).
      "/send-verification-email": { window: 60, max: 3 },
      "/request-password-reset": { window: 60, max: 3 },
      "/change-email": { window: 60, max: 5 },
      "/delete-user": { window: 60, max: 5 },
      // Not limited: each check is a database round trip, and these must stay cheap — get-session
      // answers from the cookie cache, and the JWKS is public and cached by the API worker.
      "/get-session": false,
      "/jwks": false,
      // Answers only a valid session (the cookie's signature is checked before any database read),
      // and browsers ask for a token once per 14 minutes: a limit row would double its round trips.
      "/token": false,
    },
  },
} satisfies BetterAuthOptions;
