/**
 * The worker's settings, read from `Env` (wrangler.toml vars and secrets) and checked once per
 * isolate, so a misconfigured deploy fails with a message naming the variable.
 */
import { z } from "zod";

const commaList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()).min(1));

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

const ConfigSchema = z.object({
  WEB_ORIGINS: commaList.pipe(z.array(z.url())),
  JWT_ISSUER: z.url(),
  JWT_AUDIENCE: z.url(),
  JWT_ALGORITHMS: commaList.pipe(
    z.array(z.enum(ASYMMETRIC_ALGORITHMS, { error: `allowed: ${ASYMMETRIC_ALGORITHMS.join(", ")} (never none or HMAC)` })),
  ),
  JWKS_URL: z.url(),
  JWKS_CACHE_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  DB_TRANSPORT: z.enum(["http", "ws"]).default("http"),
  NEON_LOCAL_ENDPOINT: z.union([z.literal(""), z.url()]).default(""),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection string"),
});

export type AppConfig = {
  webOrigins: string[];
  issuer: string;
  audience: string;
  algorithms: string[];
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
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid worker configuration (wrangler.toml vars / secrets): ${problems.join("; ")}`);
  }
  const value = parsed.data;
  const config: AppConfig = {
    webOrigins: value.WEB_ORIGINS,
    issuer: value.JWT_ISSUER,
    audience: value.JWT_AUDIENCE,
    algorithms: value.JWT_ALGORITHMS,
    jwksUrl: value.JWKS_URL,
    jwksCacheTtlSeconds: value.JWKS_CACHE_TTL_SECONDS,
    dbTransport: value.DB_TRANSPORT,
    neonLocalEndpoint: value.NEON_LOCAL_ENDPOINT,
    databaseUrl: value.DATABASE_URL,
  };
  cache.set(env, config);
  return config;
}
