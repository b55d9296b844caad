/**
 * The web worker's environment: the one reader of its bindings, validated once per `env` object,
 * so that a missing or weak setting stops the worker with a message naming the variable, not an
 * obscure crash. Every part is checked and every problem listed in one message.
 *
 * - Auth: `BETTER_AUTH_SECRET` alone, or versioned `BETTER_AUTH_SECRETS=2:new,1:old` for a
 *   rotation (the first entry signs and encrypts, the others are still accepted; see the README).
 *   While both are set, `BETTER_AUTH_SECRET` still decrypts what was encrypted before versioning.
 * - E-mail: deployed (staging, production) it goes to Resend, and a worker without RESEND_API_KEY
 *   or EMAIL_FROM refuses to start: a sign-up whose verification mail silently goes nowhere is
 *   worse than a deploy that fails. Locally (development, preview) it goes only to the dev mailbox
 *   on loopback, whatever else is set, so no message leaves the machine.
 * - E-mail verification: required everywhere but development, where REQUIRE_EMAIL_VERIFICATION=true
 *   turns it on. Anything but "", "true" or "false" stops the worker: a typo must not silently
 *   leave it off.
 * - Deployed (staging, production): BETTER_AUTH_URL and every TRUSTED_ORIGINS entry are https, and
 *   NEON_LOCAL_ENDPOINT is empty. Everywhere: TRUSTED_ORIGINS lists exact origins, no wildcards.
 */
import "server-only";
import * as v from "valibot";
import { SECRET_ADVICE, secretProblem } from "./auth/secret-strength.ts";

/**
 * The bindings' object. Valibot reports a missing key on the object rather than on its entry: the
 * object says what the entry would (its own message), or that the variable is missing.
 */
const Bindings = <const Entries extends v.ObjectEntries>(entries: Entries) =>
  v.object(entries, (issue) => {
    const key = issue.path?.[0]?.key;
    if (typeof key !== "string") return "the worker's bindings must be an object";
    const own = (entries[key] as { message?: unknown } | undefined)?.message;
    return typeof own === "string" ? own : `${key} is missing`;
  });

// --- Auth and the API ---

const Secret = (name: string) =>
  v.pipe(
    v.string(`${name} must be a string`),
    v.minLength(32, `${name} must be at least 32 characters (${SECRET_ADVICE})`),
    v.check(
      (value) => !secretProblem(value),
      (issue) => `${name} ${secretProblem(String(issue.input))} (${SECRET_ADVICE})`,
    ),
  );

/** `2:new,1:old` → [{version: 2, value: new}, {version: 1, value: old}], each checked; "" → []. */
const VersionedSecrets = v.pipe(
  v.string(),
  v.transform((value) => (value === "" ? [] : value.split(",").map((entry) => entry.trim()))),
  v.array(
    v.pipe(
      v.string(),
      v.regex(/^\d+:/, "BETTER_AUTH_SECRETS entries must be `<version>:<secret>`, e.g. `2:new,1:old`"),
      v.transform((entry) => {
        const colon = entry.indexOf(":");
        return { version: Number(entry.slice(0, colon)), value: entry.slice(colon + 1) };
      }),
      v.object({
        version: v.pipe(v.number(), v.integer(), v.minValue(0)),
        value: Secret("each of BETTER_AUTH_SECRETS"),
      }),
    ),
  ),
  v.check((list) => new Set(list.map((s) => s.version)).size === list.length, "BETTER_AUTH_SECRETS repeats a version"),
);

const MISSING_SECRET = "BETTER_AUTH_SECRET is missing: run `npm run setup` locally, or `wrangler secret put BETTER_AUTH_SECRET`";

/** An origin's URL; `message` for anything else. */
const Url = (message: string) => v.pipe(v.string(message), v.url(message));

const AuthSchema = Bindings({
  BETTER_AUTH_SECRET: v.optional(Secret("BETTER_AUTH_SECRET")),
  BETTER_AUTH_SECRETS: v.optional(VersionedSecrets, ""),
  BETTER_AUTH_URL: Url("BETTER_AUTH_URL must be the app's origin, e.g. https://tasks.example.com"),
  DATABASE_URL: v.pipe(
    v.string("DATABASE_URL is missing"),
    v.regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL"),
  ),
  TRUSTED_ORIGINS: v.optional(v.string(), ""),
  API_URL: Url("API_URL must be the API worker's origin"),
  NEON_LOCAL_ENDPOINT: v.optional(v.union([v.literal(""), Url("NEON_LOCAL_ENDPOINT must be a URL or empty")]), ""),
});

// --- E-mail ---

export const APP_ENVS = ["development", "preview", "staging", "production"] as const;
export type AppEnv = (typeof APP_ENVS)[number];
const DEPLOYED: readonly AppEnv[] = ["staging", "production"];

export type EmailConfig =
  | { environment: AppEnv; transport: "resend"; apiKey: string; from: string }
  | { environment: AppEnv; transport: "capture"; captureUrl: string; from: string };

/** Locally the sender's address only has to look right in the mailbox. */
export const LOCAL_EMAIL_FROM = "Edge Tasks <no-reply@localhost>";

// `addr@domain` or `Display Name <addr@domain>`: the two forms Resend's `from` accepts. No CR or
// LF anywhere, so the value can never add a header line.
const FROM = /^(?:[^<>"\r\n]+ <[^\s<>@"]+@[^\s<>@"]+>|[^\s<>@"]+@[^\s<>@"]+)$/;
const FROM_ADVICE = "e.g. `Edge Tasks <no-reply@tasks.example.com>` on a domain verified with Resend";

const isLoopbackHostname = (hostname: string) =>
  hostname === "localhost" ||
  hostname.endsWith(".localhost") ||
  hostname === "[::1]" ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

const parseUrl = (value: string) => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

/** A variable that may be unset: trimmed, "" when unset. */
const Optional = v.optional(v.pipe(v.string(), v.trim()), "");

const EmailSchema = v.pipe(
  Bindings({
    APP_ENV: v.picklist(APP_ENVS, `APP_ENV must be one of ${APP_ENVS.join(", ")}`),
    RESEND_API_KEY: Optional,
    EMAIL_FROM: Optional,
    MAIL_CAPTURE_URL: Optional,
    REQUIRE_EMAIL_VERIFICATION: v.pipe(
      Optional,
      v.picklist(["", "true", "false"], "REQUIRE_EMAIL_VERIFICATION must be true, false or empty"),
    ),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const value = dataset.value;
    const problem = (message: string) => addIssue({ message });
    if (DEPLOYED.includes(value.APP_ENV)) {
      const put = (name: string) => `\`wrangler secret put ${name} -c web/wrangler.toml --env ${value.APP_ENV}\``;
      if (!value.RESEND_API_KEY) problem(`RESEND_API_KEY is missing in ${value.APP_ENV}: ${put("RESEND_API_KEY")}`);
      // Resend's keys start with re_: anything else is a placeholder or another service's secret.
      else if (!value.RESEND_API_KEY.startsWith("re_")) problem("RESEND_API_KEY is not a Resend API key (they start with re_)");
      if (!value.EMAIL_FROM) problem(`EMAIL_FROM is missing in ${value.APP_ENV}: ${put("EMAIL_FROM")}, ${FROM_ADVICE}`);
      if (value.MAIL_CAPTURE_URL) problem(`MAIL_CAPTURE_URL must be empty in ${value.APP_ENV}: mail would reach nobody`);
    } else {
      const url = parseUrl(value.MAIL_CAPTURE_URL);
      if (!value.MAIL_CAPTURE_URL) {
        problem(`MAIL_CAPTURE_URL is missing in ${value.APP_ENV}: the dev mailbox's URL (npm run dev and preview set it)`);
      } else if (url?.protocol !== "http:" || !isLoopbackHostname(url.hostname)) {
        problem("MAIL_CAPTURE_URL must be an http:// URL on this machine (127.0.0.1 or localhost): no message may leave it");
      }
    }
    if (value.EMAIL_FROM && !FROM.test(value.EMAIL_FROM)) problem(`EMAIL_FROM is not an address, ${FROM_ADVICE}`);
  }),
);

// --- What only development and preview may have ---

/** Where an http: origin and the local Neon endpoint are allowed. */
const LOCAL: readonly AppEnv[] = ["development", "preview"];

/**
 * Deployed, the app's origin is https (Secure cookies; no session over plain HTTP), and queries go
 * to Neon itself, never to NEON_LOCAL_ENDPOINT's stand-in. TRUSTED_ORIGINS lists exact origins
 * everywhere: Better Auth would take `*` or `https://*.example.com` as patterns, letting any
 * matching site post with the user's cookies.
 */
const DeploymentSchema = v.pipe(
  v.object({
    // An unknown APP_ENV is named by the e-mail part; here it is held to the deployed rules.
    APP_ENV: v.fallback(v.picklist(APP_ENVS), "production"),
    BETTER_AUTH_URL: v.fallback(v.string(), ""),
    TRUSTED_ORIGINS: v.fallback(v.string(), ""),
    NEON_LOCAL_ENDPOINT: v.fallback(v.pipe(v.string(), v.trim()), ""),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const value = dataset.value;
    const problem = (message: string) => addIssue({ message });
    const deployed = !LOCAL.includes(value.APP_ENV);
    const where = `in ${value.APP_ENV} (plain http: is for development and preview)`;
    if (deployed && parseUrl(value.BETTER_AUTH_URL)?.protocol === "http:") {
      problem(`BETTER_AUTH_URL must be an https:// origin ${where}`);
    }
    if (deployed && value.NEON_LOCAL_ENDPOINT) {
      problem(`NEON_LOCAL_ENDPOINT must be empty in ${value.APP_ENV}: it sends every query to a local stand-in, not Neon`);
    }
    for (const entry of value.TRUSTED_ORIGINS.split(",").map((origin) => origin.trim())) {
      if (!entry) continue;
      const url = parseUrl(entry);
      if (entry.includes("*")) problem(`TRUSTED_ORIGINS must list exact origins, without wildcards: "${entry}"`);
      else if (url?.origin !== entry) {
        problem(`TRUSTED_ORIGINS entries must be origins, scheme and host only, e.g. https://app.example.com: "${entry}"`);
      } else if (deployed && url.protocol !== "https:") problem(`TRUSTED_ORIGINS must be https:// origins ${where}: "${entry}"`);
    }
  }),
);

// --- The reading ---

/** The bindings this module reads (the generated `CloudflareEnv` satisfies it). */
export type WebBindings = Partial<Record<keyof v.InferInput<typeof AuthSchema> | keyof v.InferInput<typeof EmailSchema>, string>>;

export type VersionedSecret = { version: number; value: string };

export type WebEnv = {
  /** BETTER_AUTH_SECRET: the only secret, or, next to `secrets`, the one from before versioning. */
  secret: string | undefined;
  /** BETTER_AUTH_SECRETS, current first; undefined when not versioned. */
  secrets: VersionedSecret[] | undefined;
  /** Signs cookies now. */
  currentSecret: string;
  /** Accepted on cookies signed before the rotation. */
  earlierSecrets: string[];
  /** BETTER_AUTH_URL's origin: Better Auth's base URL, the JWT issuer and audience. */
  baseURL: string;
  databaseUrl: string;
  trustedOrigins: string[];
  /** API_URL's origin: the API worker, which the browser fetches. */
  apiUrl: string;
  neonLocalEndpoint: string;
  /** Which way e-mail leaves the worker. */
  email: EmailConfig;
  emailVerificationRequired: boolean;
};

const cache = new WeakMap<object, WebEnv>();

/** `env` read and checked: the same object for the same `env`; throws naming every bad variable. */
export function readEnv(env: WebBindings): WebEnv {
  const cached = cache.get(env);
  if (cached) return cached;
  // Each part on its own, so that one message lists the problems of all of them.
  const auth = v.safeParse(AuthSchema, env);
  const mail = v.safeParse(EmailSchema, env);
  const deployment = v.safeParse(DeploymentSchema, env);
  const parts = [auth, mail, deployment];
  const problems = parts.flatMap((part) => (part.success ? [] : part.issues.map((issue) => issue.message)));
  if (!auth.success || !mail.success || !deployment.success) throw misconfigured(problems.join("; "));

  const value = auth.output;
  const secrets = value.BETTER_AUTH_SECRETS.length > 0 ? value.BETTER_AUTH_SECRETS : undefined;
  const currentSecret = secrets?.[0]?.value ?? value.BETTER_AUTH_SECRET;
  if (!currentSecret) throw misconfigured(MISSING_SECRET);
  const earlierSecrets = [...(secrets ?? []).map((s) => s.value), value.BETTER_AUTH_SECRET ?? ""].filter(
    (secret, index, all) => secret && secret !== currentSecret && all.indexOf(secret) === index,
  );
  const baseURL = new URL(value.BETTER_AUTH_URL).origin;
  const extra = value.TRUSTED_ORIGINS.split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  const result: WebEnv = {
    secret: value.BETTER_AUTH_SECRET,
    secrets,
    currentSecret,
    earlierSecrets,
    baseURL,
    databaseUrl: value.DATABASE_URL,
    trustedOrigins: [baseURL, ...extra],
    apiUrl: new URL(value.API_URL).origin,
    neonLocalEndpoint: value.NEON_LOCAL_ENDPOINT,
    email: emailConfig(mail.output),
    emailVerificationRequired: mail.output.APP_ENV !== "development" || mail.output.REQUIRE_EMAIL_VERIFICATION === "true",
  };
  cache.set(env, result);
  return result;
}

function emailConfig(value: v.InferOutput<typeof EmailSchema>): EmailConfig {
  return DEPLOYED.includes(value.APP_ENV)
    ? { environment: value.APP_ENV, transport: "resend", apiKey: value.RESEND_API_KEY, from: value.EMAIL_FROM }
    : {
        environment: value.APP_ENV,
        transport: "capture",
        captureUrl: value.MAIL_CAPTURE_URL,
        from: value.EMAIL_FROM || LOCAL_EMAIL_FROM,
      };
}

const misconfigured = (problems: string) => new Error(`Web worker misconfigured: ${problems}`);
