/**
 * The worker's settings, read from `Env` (wrangler.toml vars and secrets) and checked once per
 * isolate, so a misconfigured deploy fails with a message naming the variable. Each environment
 * states the web app's origin once (WEB_ORIGIN); the issuer, the audience, the JWKS URL and the
 * CORS allow-list all follow from it.
 */
import * as v from "valibot";

const commaList = v.pipe(
  v.string(),
  v.transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  ),
  v.minLength(1, "must list at least one value"),
);

const url = (name: string) => v.pipe(v.string(`${name} is missing`), v.url(`${name} must be a URL`));

/** Public-key algorithms only: `none` and HMAC (HS*) would let a public key forge tokens. */
const ASYMMETRIC_ALGORITHMS = [
  "EdDSA",
  "Ed25519",
  "ES256",
  "ES384",
  "ES512",
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
] as const;

/** An origin (scheme, host, port) and nothing else: a path would never equal a token's `iss`. */
const origin = (name: string) =>
  v.pipe(
    url(name),
    v.check(
      // Runs after a failed `url` check too (valibot goes on validating): parse defensively.
      (value) => !URL.canParse(value) || new URL(value).origin === value.replace(/\/$/, ""),
      `${name} must be an origin only, e.g. https://tasks.example.com`,
    ),
    v.transform((value) => new URL(value).origin),
  );

const ConfigSchema = v.object({
  WEB_ORIGIN: origin("WEB_ORIGIN"),
  JWT_ALGORITHMS: v.optional(
    v.pipe(
      commaList,
      v.array(
        v.picklist(ASYMMETRIC_ALGORITHMS, `JWT_ALGORITHMS allows ${ASYMMETRIC_ALGORITHMS.join(", ")} (never none or HMAC)`),
      ),
    ),
    "EdDSA",
  ),
  // Empty (as wrangler.toml declares it, so that .dev.vars can set it) means WEB_ORIGIN's JWKS.
  JWKS_URL: v.optional(v.union([v.literal(""), url("JWKS_URL")]), ""),
  JWKS_CACHE_TTL_SECONDS: v.optional(
    v.pipe(
      v.string(),
      v.transform(Number),
      v.integer("JWKS_CACHE_TTL_SECONDS must be a whole number"),
      v.minValue(60, "JWKS_CACHE_TTL_SECONDS must be at least 60"),
      v.maxValue(86_400, "JWKS_CACHE_TTL_SECONDS must be at most 86400"),
    ),
    "3600",
  ),
  DB_TRANSPORT: v.optional(v.picklist(["http", "ws"], "DB_TRANSPORT must be http or ws"), "http"),
  NEON_LOCAL_ENDPOINT: v.optional(v.union([v.literal(""), url("NEON_LOCAL_ENDPOINT")]), ""),
  DATABASE_URL: v.pipe(
    v.string("DATABASE_URL is missing"),
    v.regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL"),
  ),
});

export type AppConfig = {
  /** WEB_ORIGIN, the web app's origin: the one origin CORS allows, and the tokens' `iss` and `aud`. */
  webOrigin: string;
  issuer: string;
  audience: string;
  algorithms: string[];
  /** The web app's `/api/auth/jwks`, unless JWKS_URL names another (tests, benchmarks). */
  jwksUrl: string;
  jwksCacheTtlSeconds: number;
  dbTransport: "http" | "ws";
  /** Local Neon-compatible endpoint (scripts/local-db); empty in production. */
  neonLocalEndpoint: string;
  databaseUrl: string;
};

const cache = new WeakMap<object, AppConfig>();

/** Parses and memoises the config for this `env` object; throws a readable error when invalid. */
export function getConfig(env: Env): AppConfig {
  const cached = cache.get(env);
  if (cached) return cached;
  const parsed = v.safeParse(ConfigSchema, env);
  if (!parsed.success) {
    const problems = parsed.issues.map((issue) => issue.message);
    throw new Error(`Invalid worker configuration (wrangler.toml vars / secrets): ${problems.join("; ")}`);
  }
  const value = parsed.output;
  const config: AppConfig = {
    webOrigin: value.WEB_ORIGIN,
    issuer: value.WEB_ORIGIN,
    audience: value.WEB_ORIGIN,
    algorithms: value.JWT_ALGORITHMS,
    jwksUrl: value.JWKS_URL || `${value.WEB_ORIGIN}/api/auth/jwks`,
    jwksCacheTtlSeconds: value.JWKS_CACHE_TTL_SECONDS,
    dbTransport: value.DB_TRANSPORT,
    neonLocalEndpoint: value.NEON_LOCAL_ENDPOINT,
    databaseUrl: value.DATABASE_URL,
  };
  cache.set(env, config);
  return config;
}
