/** The JWKS cache as this env configures it: where the keys come from and how long they stay. */
import { getConfig } from "../config.ts";
import { isSigningKeyId } from "../data/signing-keys.ts";
import type { Database } from "../db.ts";
import { JwksCache } from "./jwks-cache.ts";

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
