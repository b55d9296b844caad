/**
 * `npm run bench:web`: the web worker's build and the cost of auth on the edge.
 *
 * Builds with OpenNext (build time), measures each worker's upload and gzip size with
 * `wrangler deploy --dry-run`, then serves the web worker with `wrangler dev` on a throwaway local
 * database and takes the median latency of sign-up, sign-in, get-session (with and without the
 * cookie cache) and /api/auth/token. The local database counts what reaches Postgres, which shows
 * whether the cookie-cached get-session makes a database round trip.
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

const PORT = Number(process.env.BENCH_PORT ?? 3100);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SAMPLES = 5;
/** The simulated distance to the database for the "far" measurements (LOCAL_DB_RTT_MS). */
const FAR_MS = Number(process.env.BENCH_FAR_MS ?? 100);
/** Sequential database round trips each action may cost (the latency-budget issue). */
const TARGETS: Record<string, number> = { signup: 4, signin: 3, token: 1, session_db: 1, session_cached: 0 };

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

type Action = "signup" | "signin" | "token" | "session_db" | "session_cached";
const ACTIONS: Action[] = ["signup", "signin", "token", "session_db", "session_cached"];
type Sample = { ms: number; dbRequests: number };

/** Each auth action SAMPLES times, as a new user each time, with the time and the database requests of each. */
async function measureAuth(database: LocalDatabase): Promise<Record<Action, Sample[]>> {
  const samples = Object.fromEntries(ACTIONS.map((action) => [action, [] as Sample[]])) as Record<Action, Sample[]>;
  const password = "correct horse battery";
  const measure = async (action: Action, request: () => Promise<Response>) => {
    const before = database.stats().httpRequests;
    const { ms, response } = await timed(request);
    samples[action].push({ ms, dbRequests: database.stats().httpRequests - before });
    return response;
  };
  for (let i = 0; i < SAMPLES; i++) {
    // Better Auth allows 5 sign-ups and 5 sign-ins per minute per client address.
    const client = { "cf-connecting-ip": `198.51.100.${nextClient++}` };
    const email = `bench-${crypto.randomUUID()}@bench.test`;
    await measure("signup", () => post("/sign-up/email", { name: "Bench", email, password }, client));
    const signIn = await measure("signin", () => post("/sign-in/email", { email, password }, client));
    const cookie = cookiesOf(signIn);
    const get = (path: string) => fetch(`${ORIGIN}/api/auth${path}`, { headers: { Cookie: cookie, ...client } });
    await measure("token", () => get("/token"));
    await measure("session_db", () => get("/get-session?disableCookieCache=true"));
    await measure("session_cached", () => get("/get-session"));
  }
  return samples;
}
let nextClient = 1;

async function main() {
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
    },
  });

  let near: Record<Action, Sample[]>;
  let far: Record<Action, Sample[]>;
  try {
    await measureAuth(database); // warm the isolate and the database
    near = await measureAuth(database);
    database.setRttMs(FAR_MS);
    far = await measureAuth(database);
  } finally {
    await server.stop();
    await database.stop();
  }

  const rows = ACTIONS.map((action) => {
    const nearMs = median(near[action].map((sample) => sample.ms));
    const farMs = median(far[action].map((sample) => sample.ms));
    return {
      action,
      near_ms: nearMs,
      [`far_ms (${FAR_MS} ms away)`]: farMs,
      round_trips: Math.round((farMs - nearMs) / FAR_MS),
      db_requests: median(near[action].map((sample) => sample.dbRequests)),
      target: TARGETS[action],
    };
  });
  console.table([
    { worker: "web", ...web },
    { worker: "api", ...api },
  ]);
  console.table(rows);
  const summary = {
    web_gzip_kib: web.gzip_kib,
    api_gzip_kib: api.gzip_kib,
    build_s: Number(buildSeconds.toFixed(1)),
    far_ms: FAR_MS,
    ...Object.fromEntries(rows.map((row) => [`${row.action}_ms`, row.near_ms])),
    round_trips: Object.fromEntries(rows.map((row) => [row.action, row.round_trips])),
  };
  console.log(`web ${web.gzip_kib} KiB gzip (target <= 1536), api ${api.gzip_kib} KiB gzip (target <= 150)`);
  console.log(JSON.stringify(summary));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
