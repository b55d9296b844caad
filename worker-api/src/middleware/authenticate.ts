/**
 * @module authenticate
 * `jwtAuth` as this worker's config sets it up: keys from the configured JWKS (with the request's
 * database for the key-id check, so `requestDatabase` must run first), the web app's origin as
 * issuer and audience, the configured algorithms, and the tokens this isolate has verified under
 * those settings (one cache per config, and another for the live upgrade, which also accepts
 * live tickets).
 */
import type { MiddlewareHandler } from "hono";
import { type AppConfig, getConfig } from "../config.ts";
import { jwksFor } from "../lib/configured-jwks.ts";
import { VerifiedTokens } from "../lib/verified-tokens.ts";
import { liveTicketAudience } from "../live/protocol.ts";
import type { AppEnv } from "../types.ts";
import { jwtAuth, type TokenSource } from "./jwt-auth.ts";

export type Authenticate = {
  /** Where the request carries its token [the Authorization header]. */
  tokenSource?: TokenSource;
  /** Also accept live tickets (the live upgrade only) [false]. */
  liveTickets?: boolean;
};

type VerifiedTokenCaches = { tokens: VerifiedTokens; tokensOrTickets: VerifiedTokens };

// Keyed by the config object (one per env, memoised by getConfig): a new config, a new cache.
const verifiedByConfig = new WeakMap<AppConfig, VerifiedTokenCaches>();

function verifiedTokensFor(config: AppConfig, liveTickets: boolean): VerifiedTokens {
  let caches = verifiedByConfig.get(config);
  if (!caches) {
    caches = { tokens: new VerifiedTokens(), tokensOrTickets: new VerifiedTokens() };
    verifiedByConfig.set(config, caches);
  }
  return liveTickets ? caches.tokensOrTickets : caches.tokens;
}

export function authenticate({ tokenSource, liveTickets = false }: Authenticate = {}): MiddlewareHandler<AppEnv> {
  return jwtAuth((c) => {
    const config = getConfig(c.env);
    return {
      // Built only when a token is verified: a token served from the cache needs no keys.
      getKey: (header, token) => jwksFor(c.env, c.get("db")).getKey(header, token),
      issuer: config.issuer,
      audience: liveTickets ? [config.audience, liveTicketAudience(config.audience)] : config.audience,
      algorithms: config.algorithms,
      verifiedTokens: verifiedTokensFor(config, liveTickets),
      ...(tokenSource && { tokenSource }),
    };
  });
}
