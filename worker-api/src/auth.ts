/** Wires the configured JWKS source and claims into `jwtAuth`. */
import { getConfig } from "./config.ts";
import { JwksCache } from "./lib/jwks-cache.ts";
import { jwtAuth } from "./middleware/jwt-auth.ts";

/** The JWKS cache for this env: the web worker by service binding when bound, else JWKS_URL. */
export function jwksFor(env: Env): JwksCache {
  const config = getConfig(env);
  const auth = env.AUTH;
  return new JwksCache({
    cacheKey: `jwks:${config.jwksUrl}`,
    kv: env.JWKS_CACHE,
    ttlSeconds: config.jwksCacheTtlSeconds,
    fetchJwks: (signal) => (auth ? auth.fetch(config.jwksUrl, { signal }) : fetch(config.jwksUrl, { signal })),
  });
}

export const authenticate = jwtAuth((c) => {
  const config = getConfig(c.env);
  return {
    getKey: jwksFor(c.env).getKey,
    issuer: config.issuer,
    audience: config.audience,
    algorithms: config.algorithms,
  };
});
