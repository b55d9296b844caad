/**
 * The web worker's settings, validated once per `env` object so that a missing or short
 * BETTER_AUTH_SECRET stops the worker with a message that says so, not an obscure crash.
 */
import { z } from "zod";

const AuthEnvSchema = z.object({
  BETTER_AUTH_SECRET: z
    .string({ error: "BETTER_AUTH_SECRET is missing: run `npm run setup` locally, or `wrangler secret put BETTER_AUTH_SECRET`" })
    .min(32, "BETTER_AUTH_SECRET must be at least 32 characters (generate one with `openssl rand -base64 32`)"),
  BETTER_AUTH_URL: z.url("BETTER_AUTH_URL must be the app's origin, e.g. https://tasks.example.com"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is missing" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL"),
  TRUSTED_ORIGINS: z.string().default(""),
  API_URL: z.url("API_URL must be the API worker's origin"),
  NEON_LOCAL_ENDPOINT: z.union([z.literal(""), z.url()]).default(""),
});

/** The bindings this module reads (the generated `CloudflareEnv` satisfies it). */
export type AuthBindings = Partial<Record<keyof z.input<typeof AuthEnvSchema>, string>>;

export type AuthEnv = {
  secret: string;
  baseURL: string;
  databaseUrl: string;
  trustedOrigins: string[];
  apiUrl: string;
  neonLocalEndpoint: string;
};

const cache = new WeakMap<object, AuthEnv>();

export function readAuthEnv(env: AuthBindings): AuthEnv {
  const cached = cache.get(env);
  if (cached) return cached;
  const parsed = AuthEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Web worker misconfigured: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
  }
  const value = parsed.data;
  const baseURL = new URL(value.BETTER_AUTH_URL).origin;
  const extra = value.TRUSTED_ORIGINS.split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  const result: AuthEnv = {
    secret: value.BETTER_AUTH_SECRET,
    baseURL,
    databaseUrl: value.DATABASE_URL,
    trustedOrigins: [baseURL, ...extra],
    apiUrl: new URL(value.API_URL).origin,
    neonLocalEndpoint: value.NEON_LOCAL_ENDPOINT,
  };
  cache.set(env, result);
  return result;
}
