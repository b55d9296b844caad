/**
 * `npm run bench:web`: the web worker's build and the cost of auth on the edge.
 *
 * Builds with OpenNext (build time), measures each worker's upload and gzip size with
 * `wrangler deploy --dry-run`, then serves the web worker with `wrangler dev` on a throwaway local
 * database and takes the median latency of sign-up, sign-in, get-session (with and without the
 * cookie cache) and /api/auth/token. The local database counts what reaches Postgres, which shows
 * whether the cookie-cached get-session makes a database round trip. Then, with the API worker
 * beside it, how soon a person sees their tasks on `/tasks` (bench/page-load.ts).
 * The last line printed is one JSON object with the headline figures.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildWeb } from "../scripts/lib/build-web.ts";
import { runWrangler } from "../scripts/lib/wrangler.ts";
import { startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { applyMigrations, type LocalDatabase, startLocalDatabase } from "../scripts/local-db/index.ts";
import { measurePageLoads, type PageLoadFigures } from "./page-load.ts";

const PORT = Number(process.env.BENCH_PORT ?? 3100);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3101);
const API_ORIGIN = `http://127.0.0.1:${API_PORT}`;
// Better Auth allows 5 sign-ups and 5 sign-ins per minute per client: stay within it.
const SAMPLES = 5;

function bundleSize(configArgs: string[]): { upload_kib: number; gzip_kib: number } {
  const outdir = mkdtempSync(join(tmpdir(), "bench-size-"));
  try {
    const output = runWrangler(["deploy", "--dry-run", "--outdir", outdir, ...configArgs], { capture: true });
    const match = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
    if (!match) throw new Error(`no size in wrangler output:\n${output}`);
    return { upload_kib: Number(match[1]), gzip_kib: Number(match[2]) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Number((sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(1));
};

async function timed(request: () => Promise<Response>, expected = 200): Promise<{ ms: number; response: Response }> {
  const started = performance.now();
  const response = await request();
  const ms = performance.now() - started;
  if (response.status !== expected) throw new Error(`expected ${expected}, got ${response.status}: ${await response.text()}`);
  return { ms, response };
}

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${ORIGIN}/api/auth${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, ...headers },
    body: JSON.stringify(body),
  });

/**
 * Page loads need the API worker too (the web worker reaches it through its API service binding).
 * A registry of our own keeps wrangler from pairing these workers with another run's.
 */
async function pageLoadFigures(database: LocalDatabase): Promise<PageLoadFigures> {
  const api = await startWranglerDev({
    port: API_PORT,
    quiet: true,
    args: ["--env", "preview", "--persist-to", mkdtempSync(join(tmpdir(), "bench-api-"))],
    vars: {
      DATABASE_URL: database.databaseUrl,
      NEON_LOCAL_ENDPOINT: database.endpointUrl,
      WEB_ORIGIN: ORIGIN,
    },
  });
  try {
    return await measurePageLoads(ORIGIN, API_ORIGIN);
  } finally {
    await api.stop();
  }
}

async function main() {
  process.env.WRANGLER_REGISTRY_PATH ??= mkdtempSync(join(tmpdir(), "bench-registry-"));
  const buildSeconds = buildWeb({ quiet: true });
  const web = bundleSize(["-c", "web/wrangler.toml", "--env", "production"]);
  const api = bundleSize(["--env", "production"]);

  const database = await startLocalDatabase();
  await applyMigrations(database.databaseUrl);
  const server = await startWranglerDev({
    port: PORT,
    quiet: true,
    readyPath: "/api/auth/ok",
    args: ["-c", "web/wrangler.toml", "--env", "preview", "--persist-to", mkdtempSync(join(tmpdir(), "bench-web-"))],
    vars: {
      DATABASE_URL: database.databaseUrl,
      NEON_LOCAL_ENDPOINT: database.endpointUrl,
      BETTER_AUTH_URL: ORIGIN,
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64"),
      API_URL: API_ORIGIN,
    },
  });

  const samples: Record<string, number[]> = { signup: [], signin: [], session_cached: [], session_db: [], token: [] };
  let cachedSessionQueries = 0;
  let pages: PageLoadFigures;
  try {
    const password = "correct horse battery";
    for (let i = 0; i < SAMPLES; i++) {
      const email = `bench-${crypto.randomUUID()}@bench.test`;
      samples.signup?.push((await timed(() => post("/sign-up/email", { name: "Bench", email, password }))).ms);
      const signIn = await timed(() => post("/sign-in/email", { email, password }));
      samples.signin?.push(signIn.ms);
      const cookie = cookiesOf(signIn.response);
      const get = (path: string) => fetch(`${ORIGIN}/api/auth${path}`, { headers: { Cookie: cookie } });

      await timed(() => get("/get-session")); // warm the isolate for this user
      const before = database.stats();
      samples.session_cached?.push((await timed(() => get("/get-session"))).ms);
      const after = database.stats();
      cachedSessionQueries += after.httpQueries - before.httpQueries + (after.wsSessions - before.wsSessions);
      samples.session_db?.push((await timed(() => get("/get-session?disableCookieCache=true"))).ms);
      samples.token?.push((await timed(() => get("/token"))).ms);
    }
    pages = await pageLoadFigures(database);
  } finally {
    await server.stop();
    await database.stop();
  }

  const rows = Object.entries(samples).map(([name, values]) => ({
    request: name,
    median_ms: median(values),
    samples: values.length,
  }));
  console.table([
    { worker: "web", ...web },
    { worker: "api", ...api },
  ]);
  console.table(rows);
  const summary = {
    web_gzip_kib: web.gzip_kib,
    api_gzip_kib: api.gzip_kib,
    build_s: Number(buildSeconds.toFixed(1)),
    signup_ms: median(samples.signup ?? []),
    signin_ms: median(samples.signin ?? []),
    get_session_cached_ms: median(samples.session_cached ?? []),
    get_session_db_ms: median(samples.session_db ?? []),
    token_ms: median(samples.token ?? []),
    get_session_cached_db_round_trips: cachedSessionQueries,
    ...pages,
  };
  console.log(
    `web ${web.gzip_kib} KiB gzip (target <= 1536), api ${api.gzip_kib} KiB gzip (target <= 150), cached get-session database round trips: ${cachedSessionQueries} (target 0)`,
  );
  console.log(
    `/tasks: tasks in the first HTML ${pages.tasks_in_html}, dashboard ${pages.dashboard_in_html}; visible after ${pages.tasks_visible_ms} ms = ${pages.visible_to_html_ratio} × the HTML's ${pages.html_ms} ms (target <= 2); token requests before visible: ${pages.token_requests_before_visible} (target 0)`,
  );
  console.log(JSON.stringify(summary));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
