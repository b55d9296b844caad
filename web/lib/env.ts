/**
 * The web worker's settings, validated once per `env` object so that a missing or short
 * BETTER_AUTH_SECRET stops the worker with a message that says so, not an obscure crash.
 *
 * Secrets: `BETTER_AUTH_SECRET` alone, or versioned `BETTER_AUTH_SECRETS=2:new,1:old` for a
 * rotation (the first entry signs and encrypts, the others are still accepted; see the README).
 * While both are set, `BETTER_AUTH_SECRET` still decrypts what was encrypted before versioning.
 */
import { z } from "zod";
import { SECRET_ADVICE, secretProblem } from "./auth/secret-strength.ts";

const Secret = (name: string) =>
  z
    .string()
    .min(32, `${name} must be at least 32 characters (${SECRET_ADVICE})`)
    .superRefine((value, ctx) => {
      const problem = secretProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: `${name} ${problem} (${SECRET_ADVICE})` });
    });

/** `2:new,1:old` → [{version: 2, value: new}, {version: 1, value: old}], each checked. */
const VersionedSecrets = z
  .string()
  .transform((value) => value.split(",").map((entry) => entry.trim()))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^\d+:/, "BETTER_AUTH_SECRETS entries must be `<version>:<secret>`, e.g. `2:new,1:old`")
          .transform((entry) => {
            const colon = entry.indexOf(":");
            return { version: Number(entry.slice(0, colon)), value: entry.slice(colon + 1) };
          })
          .pipe(z.object({ version: z.number().int().nonnegative(), value: Secret("each of BETTER_AUTH_SECRETS") })),
      )
      .min(1)
      .refine((list) => new Set(list.map((s) => s.version)).size === list.length, "BETTER_AUTH_SECRETS repeats a version"),
  );

const MISSING_SECRET = "BETTER_AUTH_SECRET is missing: run `npm run setup` locally, or `wrangler secret put BETTER_AUTH_SECRET`";

const AuthEnvSchema = z.object({
  BETTER_AUTH_SECRET: Secret("BETTER_AUTH_SECRET").optional(),
  BETTER_AUTH_SECRETS: z.union([z.literal(""), VersionedSecrets]).optional(),
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

export type VersionedSecret = { version: number; value: string };

export type AuthEnv = {
  /** BETTER_AUTH_SECRET: the only secret, or, next to `secrets`, the one from before versioning. */
  secret: string | undefined;
  /** BETTER_AUTH_SECRETS, current first; undefined when not versioned. */
  secrets: VersionedSecret[] | undefined;
  /** Signs cookies now. */
  currentSecret: string;
  /** Accepted on cookies signed before the rotation. */
  earlierSecrets: string[];
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
  const secrets = value.BETTER_AUTH_SECRETS || undefined;
  const currentSecret = secrets?.[0]?.value ?? value.BETTER_AUTH_SECRET;
  if (!currentSecret) throw new Error(`Web worker misconfigured: ${MISSING_SECRET}`);
  const earlierSecrets = [...(secrets ?? []).map((s) => s.value), value.BETTER_AUTH_SECRET ?? ""].filter(
    (secret, index, all) => secret && secret !== currentSecret && all.indexOf(secret) === index,
  );
  const baseURL = new URL(value.BETTER_AUTH_URL).origin;
  const extra = value.TRUSTED_ORIGINS.split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  const result: AuthEnv = {
    secret: value.BETTER_AUTH_SECRET,
    secrets,
    currentSecret,
    earlierSecrets,
    baseURL,
    databaseUrl: value.DATABASE_URL,
    trustedOrigins: [baseURL, ...extra],
    apiUrl: new URL(value.API_URL).origin,
    neonLocalEndpoint: value.NEON_LOCAL_ENDPOINT,
  };
  cache.set(env, result);
  return result;
}
