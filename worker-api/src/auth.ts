/** Wires the configured JWKS source, the key store and the claims into `jwtAuth`. */
import { getConfig } from "./config.ts";
import { isSigningKeyId } from "./data/signing-keys.ts";
import type { Database } from "./db.ts";
import { JwksCache } from "./lib/jwks-cache.ts";
import { jwtAuth } from "./middleware/jwt-auth.ts";

/**
 * The JWKS cache for this env: the web worker by service binding when bound, else JWKS_URL. With
 * the request's database, an unknown kid is looked up in the key store before it costs a fetch.
 */
export function jwksFor(env: Env, db?: Database): JwksCache {
  const config = getConfig(env);
  const auth = env.AUTH;
  return new JwksCache({
    cacheKey: `jwks:${config.jwksUrl}`,
    kv: env.JWKS_CACHE,
    ttlSeconds: config.jwksCacheTtlSeconds,
    fetchJwks: (signal, kid) => {
      const url = new URL(config.jwksUrl);
      if (kid) url.searchParams.set("kid", kid);
      return auth ? auth.fetch(url, { signal }) : fetch(url, { signal });
    },
    isPublishedKid: db && ((kid) => isSigningKeyId(db, kid)),
  });
}

export const authenticate = jwtAuth((c) => {
  const config = getConfig(c.env);
  return {
    getKey: jwksFor(c.env, c.get("db")).getKey,
    issuer: config.issuer,
    audience: config.audience,
    algorithms: config.algorithms,
  };
});
