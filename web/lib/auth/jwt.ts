/**
 * The JWT the API worker verifies: EdDSA, 15 minutes, a small payload. Shared by the jwt plugin
 * (options.ts), the server's own tokens (server-api-token.ts) and key rotation (keys/signing-keys.ts).
 */
import "server-only";
import { type JwtOptions, jwt } from "better-auth/plugins/jwt";
import { SIGNING_KEY_GRACE_SECONDS } from "../maintenance/retention.ts";
import { signingKeyCache } from "./keys/signing-key-cache.ts";

const DAY = 60 * 60 * 24;

/**
 * The claims of every API token besides `sub`, whoever mints it (the browser's /api/auth/token or
 * a server component): only what the API needs. `sid` names the Better Auth session, so that the
 * API refuses the token as soon as that session ends. No profile data: it is unbounded (a long
 * name would push the token past the API's size limit) and unused.
 */
export const apiTokenClaims = (session: { id: string }) => ({ sid: session.id });

/** The jwt plugin, issuing for `origin` (the app's BETTER_AUTH_URL). */
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
      gracePeriod: SIGNING_KEY_GRACE_SECONDS,
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
