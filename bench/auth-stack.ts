/**
 * Real Better Auth for the benchmarks: bench/auth-worker.ts under `wrangler dev` on the bench's
 * database, with helpers that act as a browser would (sign up, take a token, sign out).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type RunningServer, startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { startMailbox } from "../scripts/mailbox/index.ts";

/** The web app's origin as the API worker expects it in `iss`/`aud` (wrangler.toml's default). */
export const WEB_ORIGIN = "http://localhost:3000";

export type AuthWorker = RunningServer & {
  jwksUrl: string;
  /** The dev mailbox its account mail goes to (bench/mail.ts reads it). */
  mailboxUrl: string;
  signUp(): Promise<{ userId: string; cookie: string; address: string }>;
  /** From the person's own address, as a browser's requests would come. */
  token(cookie: string, address?: string): Promise<Response>;
  signOut(cookie: string): Promise<Response>;
};

let people = 0;

export async function startAuthWorker(options: {
  port: number;
  databaseUrl: string;
  endpointUrl: string;
  secrets: Record<string, string>;
  /** More `--var`s, e.g. REQUIRE_EMAIL_VERIFICATION=true to run as deployed. */
  vars?: Record<string, string>;
  /** Another wrangler config for bench/auth-worker.ts (bench/mail-outage-worker.wrangler.toml: with a mail queue). */
  configPath?: string;
  /** A mailbox the caller runs (and stops, restarts); by default one of its own on a free port. */
  mailboxUrl?: string;
}): Promise<AuthWorker> {
  const persistDir = mkdtempSync(join(tmpdir(), "bench-auth-"));
  // Sign-up mails a verification link (required only with `vars.REQUIRE_EMAIL_VERIFICATION`): to a mailbox of its own.
  const mailbox = options.mailboxUrl
    ? { url: options.mailboxUrl, stop: async () => {} }
    : await startMailbox({ port: 0, log: () => {} });
  const server = await startWranglerDev({
    port: options.port,
    quiet: !process.env.BENCH_VERBOSE,
    readyPath: "/api/auth/jwks",
    args: [
      "-c",
      options.configPath ?? resolve(import.meta.dirname, "auth-worker.wrangler.toml"),
      "--persist-to",
      persistDir,
      "--log-level",
      process.env.BENCH_VERBOSE ? "info" : "error",
    ],
    vars: {
      ...options.secrets,
      DATABASE_URL: options.databaseUrl,
      NEON_LOCAL_ENDPOINT: options.endpointUrl,
      BETTER_AUTH_URL: WEB_ORIGIN,
      API_URL: "http://localhost:8787",
      APP_ENV: "development",
      MAIL_CAPTURE_URL: mailbox.url,
      ...options.vars,
    },
  }).catch(async (error: unknown) => {
    await mailbox.stop();
    throw error;
  });
  const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/auth${path}`, init);
  const post = (path: string, cookie: string, body: unknown, address = "192.0.2.1") =>
    call(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: WEB_ORIGIN, Cookie: cookie, "cf-connecting-ip": address },
      body: JSON.stringify(body),
    });
  return {
    ...server,
    jwksUrl: `${server.url}/api/auth/jwks`,
    mailboxUrl: mailbox.url,
    async signUp() {
      const n = ++people;
      // One client address per person: Better Auth limits sign-ups per address.
      const address = `198.18.${Math.floor(n / 250)}.${(n % 250) + 1}`;
      const email = `bench-${crypto.randomUUID()}@example.test`;
      const response = await post("/sign-up/email", "", { name: "Bench", email, password: "correct horse battery" }, address);
      if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
      const { user } = (await response.json()) as { user: { id: string } };
      const cookie = response.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      return { userId: user.id, cookie, address };
    },
    token: (cookie, address = "192.0.2.1") => call("/token", { headers: { Cookie: cookie, "cf-connecting-ip": address } }),
    signOut: (cookie) => post("/sign-out", cookie, {}),
    async stop() {
      await server.stop();
      await mailbox.stop();
      rmSync(persistDir, { recursive: true, force: true });
    },
  };
}
