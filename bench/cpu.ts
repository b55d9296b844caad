/**
 * `npm run bench:cpu`: CPU milliseconds per request of each worker, per route, on the production
 * builds (the OpenNext build of the web worker, both workers under `wrangler dev --env preview`, as
 * `npm run preview` runs them), against a throwaway local database.
 *
 * For each route it sends many requests one after another and reads the CPU time of each worker's
 * workerd processes before and after (bench/workerd-cpu.ts), in blocks alternated with as many
 * requests that run no app code (the API's /health; a static asset of the web worker), whose CPU
 * it subtracts, per worker: what is left is the app's own CPU per request, the figure Workers bills
 * and limits. Workers called through a service binding "share the CPU resources of the top-level
 * request" (https://developers.cloudflare.com/workers/runtime-apis/service-bindings/), so a page is
 * judged on both workers' CPU together (`both`), not on the web worker's share alone.
 *
 * The API routes and the web worker's own routes run with one `wrangler dev` per worker, as `npm
 * run preview` does. The pages read their data through the `API` service binding, which crosses
 * between two `wrangler dev`s as a local HTTP hop that production does not have (several ms of CPU
 * on each side per call): they run with both workers in one `wrangler dev`, where the binding is an
 * in-process call, as deployed. That gives both workers' CPU for the page together (`both`); the
 * API's share (`api`) is the sum of the same API requests measured on their own, and the web
 * worker's (`web`) what remains.
 *
 * Targets (docs/latency.md, "CPU per request"; the latest figures: docs/operations.md, "Where the
 * CPU goes"): every page <= 10 ms, token and get-session <= 3 ms, the API <= 2 ms; sign-in and
 * sign-up are dominated by password hashing and reported as they are.
 * `-- --no-build` reuses the last build; `-- --only token,tasks` measures only the routes whose name
 * contains one of those words (while profiling a change). The last line printed is one JSON object.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildWeb } from "../scripts/lib/build-web.ts";
import { type RunningServer, startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { applyMigrations, startLocalDatabase } from "../scripts/local-db/index.ts";
import { startMailbox } from "../scripts/mailbox/index.ts";
import { freePort } from "./free-port.ts";
import { workerdCpuMs } from "./workerd-cpu.ts";

const { values: flags } = parseArgs({
  options: { "no-build": { type: "boolean", default: false }, only: { type: "string" } },
});
const only = flags.only?.split(",").filter(Boolean);
/** Whether `--only` names the route (every route without it). */
const wanted = (name: string) => !only || only.some((word) => name.includes(word));

type Route = {
  name: string;
  /** ms per request, app code only, that the route must stay within (undefined: reported only). */
  target?: number;
  /** Requests to average over: more for cheap routes, whose figure is closer to the noise. */
  requests: number;
  send: (i: number) => Promise<Response>;
  expected?: number;
};

const PASSWORD = "correct horse battery";
let nextAddress = 1;
/** A client address of its own per sign-up or sign-in: Better Auth limits them per address. */
const freshAddress = () => `198.18.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

/**
 * Every request of the bench asks for an uncompressed answer. Deployed, Cloudflare compresses a
 * worker's response in front of it, after the worker has answered, outside the CPU time Workers
 * bills and limits. Under `wrangler dev`, Miniflare's entry worker emulates that compression in
 * the same workerd processes (it sets the answer's Content-Encoding from the request's
 * Accept-Encoding, which Node's fetch sends as `gzip, deflate`), where it would count as the
 * worker's own CPU. (Small here: identity and gzip alternated three times each differed by less
 * than the runs' own spread.)
 */
function fetchUncompressed(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return fetch(url, { ...init, headers: { ...init.headers, "Accept-Encoding": "identity" } });
}

async function drain(response: Response, expected: number, label: string) {
  const body = await response.text();
  if (response.status !== expected)
    throw new Error(`${label}: expected ${expected}, got ${response.status}: ${body.slice(0, 300)}`);
}

type Cpu = { web: number; api: number };

/** CPU ms per request of each worker's processes over `requests` sequential requests. */
async function cpuPerRequest(route: Route, requests: number, groups: Cpu): Promise<Cpu> {
  const before = { web: workerdCpuMs(groups.web), api: workerdCpuMs(groups.api) };
  for (let i = 0; i < requests; i++) await drain(await route.send(i), route.expected ?? 200, route.name);
  return {
    web: (workerdCpuMs(groups.web) - before.web) / requests,
    api: (workerdCpuMs(groups.api) - before.api) / requests,
  };
}

/** Blocks of the route and of its baseline, alternated, so that drift in the machine's load cancels. */
const BLOCKS = 4;

/**
 * The route's CPU per request minus its baseline's, per worker: `baseline` is a request to the
 * same worker that runs no app code (the same routing by wrangler dev, and the other worker idle).
 */
async function measure(route: Route, baseline: Route, groups: Cpu): Promise<Cpu> {
  for (let i = 0; i < 3; i++) await drain(await route.send(-1 - i), route.expected ?? 200, route.name);
  const own = { web: 0, api: 0 };
  const perBlock = Math.ceil(route.requests / BLOCKS);
  for (let block = 0; block < BLOCKS; block++) {
    const measured = await cpuPerRequest(route, perBlock, groups);
    const empty = await cpuPerRequest(baseline, perBlock, groups);
    own.web += (measured.web - empty.web) / BLOCKS;
    own.api += (measured.api - empty.api) / BLOCKS;
  }
  return { web: Math.max(0, own.web), api: Math.max(0, own.api) };
}

type Workers = { origin: string; apiOrigin: string; groups: Cpu; servers: RunningServer[] };

/**
 * The workers as `npm run preview` runs them: one `wrangler dev` each, so that each one's CPU is its
 * own processes'. Their service bindings cross between the two through wrangler's dev registry, a
 * local HTTP hop that costs each side several ms per call (docs/operations.md, "Where the CPU goes"):
 * routes measured here make no such call.
 */
async function startSeparately(vars: (origin: string) => Record<string, string>): Promise<Workers> {
  const [webPort, apiPort] = [await freePort(), await freePort()];
  const origin = `http://127.0.0.1:${webPort}`;
  const apiOrigin = `http://127.0.0.1:${apiPort}`;
  const servers: RunningServer[] = [];
  try {
    servers.push(
      await startWranglerDev({
        port: webPort,
        quiet: !process.env.BENCH_VERBOSE,
        readyPath: "/api/auth/ok",
        args: ["-c", "web/wrangler.toml", "--env", "preview", "--persist-to", mkdtempSync(join(tmpdir(), "bench-web-"))],
        vars: { ...vars(origin), API_URL: apiOrigin },
      }),
    );
    servers.push(
      await startWranglerDev({
        port: apiPort,
        quiet: !process.env.BENCH_VERBOSE,
        args: ["--env", "preview", "--persist-to", mkdtempSync(join(tmpdir(), "bench-api-"))],
        vars: vars(origin),
      }),
    );
  } catch (error) {
    await stopAll(servers);
    throw error;
  }
  const [web, api] = servers as [RunningServer, RunningServer];
  return { origin, apiOrigin, groups: { web: web.process.pid as number, api: api.process.pid as number }, servers };
}

/**
 * Both workers in one `wrangler dev` (one workerd process), where the web worker's `API` binding is
 * an in-process call, as deployed: for the pages, whose data comes through it. Their CPU is then both
 * workers' together (`groups.web` and `groups.api` are the same process group).
 */
async function startTogether(vars: (origin: string) => Record<string, string>): Promise<Workers> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const values = { ...vars(origin), API_URL: "http://127.0.0.1:9" };
  // `--var` reaches only the first config's worker: the API worker reads its vars and secrets from
  // an env file (each worker takes from it the names its config declares).
  const envFile = join(mkdtempSync(join(tmpdir(), "bench-env-")), ".env");
  writeFileSync(
    envFile,
    Object.entries(values)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(""),
  );
  const server = await startWranglerDev({
    port,
    quiet: !process.env.BENCH_VERBOSE,
    readyPath: "/api/auth/ok",
    args: ["-c", "web/wrangler.toml", "-c", "wrangler.toml", "--env", "preview", "--env-file", envFile],
    vars: values,
  });
  const group = server.process.pid as number;
  return { origin, apiOrigin: "", groups: { web: group, api: group }, servers: [server] };
}

async function stopAll(servers: RunningServer[]) {
  for (const server of [...servers].reverse()) await server.stop();
}

/** CPU per request of each route, against the baseline of its worker. */
async function measureRoutes(routes: Route[], baselines: { api: Route; web: Route }, groups: Cpu) {
  const measured = new Map<string, Cpu>();
  for (const route of routes) {
    measured.set(route.name, await measure(route, route.name.startsWith("api:") ? baselines.api : baselines.web, groups));
  }
  return measured;
}

async function main() {
  // A registry of our own: the workers' bindings must not reach another run's workers.
  process.env.WRANGLER_REGISTRY_PATH ??= mkdtempSync(join(tmpdir(), "bench-registry-"));
  if (!flags["no-build"]) buildWeb({ quiet: true });

  const database = await startLocalDatabase();
  await applyMigrations(database.databaseUrl);
  const mailbox = await startMailbox({ port: 0, log: () => {} });
  const secret = randomBytes(32).toString("base64");
  const vars = (origin: string) => ({
    DATABASE_URL: database.databaseUrl,
    NEON_LOCAL_ENDPOINT: database.endpointUrl,
    // Verification off (as under npm run dev): the bench signs in without opening links.
    APP_ENV: "development",
    MAIL_CAPTURE_URL: mailbox.url,
    BETTER_AUTH_URL: origin,
    // The same in both runs below: the person's session cookie holds across them.
    BETTER_AUTH_SECRET: secret,
    WEB_ORIGIN: origin,
  });
  let workers: Workers | undefined;
  try {
    workers = await startSeparately(vars);
    const { origin, apiOrigin } = workers;
    const authPost = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetchUncompressed(`${origin}/api/auth${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: origin, "cf-connecting-ip": freshAddress(), ...headers },
        body: JSON.stringify(body),
      });
    const email = () => `cpu-${crypto.randomUUID()}@bench.test`;
    // One person with 12 tasks, whose pages and tokens the routes read.
    const address = email();
    const signUp = await authPost("/sign-up/email", { name: "CPU Bench", email: address, password: PASSWORD });
    await drain(signUp.clone(), 200, "sign-up");
    const cookie = cookiesOf(signUp);
    const userId = ((await signUp.json()) as { user: { id: string } }).user.id;
    const asPerson = (path: string) => fetchUncompressed(`${workers?.origin}${path}`, { headers: { Cookie: cookie } });
    const { token } = (await (await asPerson("/api/auth/token")).json()) as { token: string };
    const tasks = `${apiOrigin}/api/${userId}/tasks`;
    const bearer = { Authorization: `Bearer ${token}` };
    const create = (i: number) =>
      fetchUncompressed(tasks, {
        method: "POST",
        headers: { ...bearer, "Content-Type": "application/json" },
        body: JSON.stringify({ title: `CPU task ${i}` }),
      });
    for (let i = 0; i < 12; i++) await drain(await create(i), 201, "seed");
    // People to sign in: made beforehand, so that the sign-in route measures sign-ins only.
    const signInEmails: string[] = [];
    for (let i = 0; i < 13; i++) {
      signInEmails.push(email());
      await drain(
        await authPost("/sign-up/email", { name: "CPU Bench", email: signInEmails[i], password: PASSWORD }),
        200,
        "seed",
      );
    }
    const apiGet = (path: string) => () => fetchUncompressed(`${tasks}${path}`, { headers: bearer });
    // The API requests that each page makes through the binding (web/lib/tasks/first-load.ts), with
    // the page's own queries: measured on their own, they are the API's share of the page.
    const pageCalls: Record<string, string[]> = {
      "page: landing": [],
      "page: tasks": ["api: list", "api: labels"],
      "page: dashboard": ["api: recent", "api: summary"],
    };
    const routes: Route[] = [
      { name: "api: list", target: 2, requests: 100, send: apiGet("?status=all&limit=20") },
      { name: "api: create", target: 2, requests: 100, send: create, expected: 201 },
      {
        name: "api: labels",
        target: 2,
        requests: 100,
        send: () => fetchUncompressed(`${apiOrigin}/api/${userId}/labels`, { headers: bearer }),
      },
      { name: "api: recent", target: 2, requests: 100, send: apiGet("?limit=5") },
      { name: "api: summary", target: 2, requests: 100, send: apiGet("/summary?tz=UTC") },
      { name: "web: token", target: 3, requests: 100, send: () => asPerson("/api/auth/token") },
      { name: "web: get-session (cookie cache)", target: 3, requests: 100, send: () => asPerson("/api/auth/get-session") },
      {
        name: "web: get-session (database)",
        target: 3,
        requests: 100,
        send: () => asPerson("/api/auth/get-session?disableCookieCache=true"),
      },
      { name: "web: jwks", target: 3, requests: 100, send: () => fetchUncompressed(`${workers?.origin}/api/auth/jwks`) },
      {
        name: "web: sign-in",
        requests: 10,
        send: (i) => authPost("/sign-in/email", { email: signInEmails[i + 3], password: PASSWORD }),
      },
      {
        name: "web: sign-up",
        requests: 10,
        send: () => authPost("/sign-up/email", { name: "CPU Bench", email: email(), password: PASSWORD }),
      },
    ];
    const pages: Route[] = Object.keys(pageCalls).map((name) => ({
      name,
      target: 10,
      requests: 40,
      send: () => asPerson(name === "page: landing" ? "/" : `/${name.slice("page: ".length)}`),
    }));
    const pageApiCalls = new Set(pages.filter((page) => wanted(page.name)).flatMap((page) => pageCalls[page.name] ?? []));
    // Requests that run no app code, one per worker: what wrangler dev's routing costs.
    const baselines = {
      api: { name: "api: /health", requests: 0, send: () => fetchUncompressed(`${apiOrigin}/health`) },
      web: { name: "web: static asset", requests: 0, send: () => fetchUncompressed(`${workers?.origin}/icon.svg`) },
    };
    // A page's API calls are measured with the API routes even when `--only` names only the page.
    const measured = await measureRoutes(
      routes.filter((route) => wanted(route.name) || pageApiCalls.has(route.name)),
      baselines,
      workers.groups,
    );
    await stopAll(workers.servers);
    // Stopped: should the next start fail, `finally` has nothing left to stop.
    workers = undefined;
    workers = await startTogether(vars);
    const together = await measureRoutes(
      pages.filter((page) => wanted(page.name)),
      baselines,
      workers.groups,
    );

    const rows = [];
    for (const route of routes) {
      const own = measured.get(route.name);
      if (!own || !wanted(route.name)) continue;
      const cpu = route.name.startsWith("api:") ? own.api : own.web;
      rows.push({ route: route.name, web_cpu_ms: own.web, api_cpu_ms: own.api, both_ms: "-", target: route.target, judged: cpu });
    }
    for (const page of pages) {
      const both = together.get(page.name);
      if (!both) continue;
      // One process: `web` and `api` are the same figure, both workers' CPU for the page.
      const api = (pageCalls[page.name] ?? []).reduce((sum, call) => sum + (measured.get(call)?.api ?? 0), 0);
      const web = Math.max(0, both.web - api);
      // Judged on both: the API's work for the page runs within the page's CPU (see the top of this file).
      rows.push({ route: page.name, web_cpu_ms: web, api_cpu_ms: api, both_ms: both.web, target: page.target, judged: both.web });
    }
    const table = rows.map(({ judged, ...row }) => ({
      ...row,
      web_cpu_ms: Number(row.web_cpu_ms.toFixed(2)),
      api_cpu_ms: Number(row.api_cpu_ms.toFixed(2)),
      both_ms: typeof row.both_ms === "number" ? Number(row.both_ms.toFixed(2)) : row.both_ms,
      target: row.target ?? "-",
      within: row.target === undefined ? "-" : judged <= row.target ? "yes" : "NO",
    }));
    console.table(table);
    const summary = {
      ...Object.fromEntries(
        table.map((row) => [
          row.route,
          { web: row.web_cpu_ms, api: row.api_cpu_ms, ...(row.both_ms === "-" ? {} : { both: row.both_ms }) },
        ]),
      ),
      over_target: table.filter((row) => row.within === "NO").map((row) => row.route),
    };
    console.log(JSON.stringify(summary));
    if (summary.over_target.length > 0) process.exitCode = 1;
  } finally {
    if (workers) await stopAll(workers.servers);
    await mailbox.stop();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
