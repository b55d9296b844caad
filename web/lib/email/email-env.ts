/**
 * Which way e-mail leaves the web worker, read once per `env` object. Deployed (staging,
 * production) it goes to Resend, and a worker without RESEND_API_KEY or EMAIL_FROM refuses to
 * start with a message naming the variable: a sign-up whose verification mail silently goes
 * nowhere is worse than a deploy that fails. Locally (development, preview) it goes only to the
 * dev mailbox on loopback, whatever else is set, so no message leaves the machine.
 */
import { z } from "zod";

export const APP_ENVS = ["development", "preview", "staging", "production"] as const;
export type AppEnv = (typeof APP_ENVS)[number];
const DEPLOYED: readonly AppEnv[] = ["staging", "production"];

/** The bindings this module reads (the generated `CloudflareEnv` satisfies it once they exist). */
export type EmailBindings = Partial<Record<"APP_ENV" | "RESEND_API_KEY" | "EMAIL_FROM" | "MAIL_CAPTURE_URL", string>>;

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

const EmailEnvSchema = z
  .object({
    APP_ENV: z.enum(APP_ENVS, { error: `APP_ENV must be one of ${APP_ENVS.join(", ")}` }),
    RESEND_API_KEY: z.string().trim().default(""),
    EMAIL_FROM: z.string().trim().default(""),
    MAIL_CAPTURE_URL: z.string().trim().default(""),
  })
  .superRefine((value, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: "custom", message });
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
  });

const cache = new WeakMap<object, EmailConfig>();

export function readEmailEnv(env: EmailBindings): EmailConfig {
  const cached = cache.get(env);
  if (cached) return cached;
  const parsed = EmailEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Web worker misconfigured: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
  }
  const value = parsed.data;
  const config: EmailConfig = DEPLOYED.includes(value.APP_ENV)
    ? { environment: value.APP_ENV, transport: "resend", apiKey: value.RESEND_API_KEY, from: value.EMAIL_FROM }
    : {
        environment: value.APP_ENV,
        transport: "capture",
        captureUrl: value.MAIL_CAPTURE_URL,
        from: value.EMAIL_FROM || LOCAL_EMAIL_FROM,
      };
  cache.set(env, config);
  return config;
}
