/**
 * `npm run bench:cpu`: CPU milliseconds per request of each worker, per route, on the production
 * builds (the OpenNext build of the web worker, both workers under `wrangler dev --env preview`, as
 * `npm run preview` runs them), against a throwaway local database.
 *
 * For each route it sends many requests one after another and reads the CPU time of each worker's
 * workerd processes before and after (bench/workerd-cpu.ts), in blocks alternated with as many
 * requests that run no app code (the API's /health; a static asset of the web worker), whose CPU
 * it subtracts, per worker: what is left is the app's own CPU per request, the figure Workers bills
 * and limits. A page's row also shows the API worker's share (its data comes through the `API`
 * service binding; during the baseline the API worker is idle).
 *
 * Targets (docs/latency.md, "CPU per request"; the latest figures: docs/operations.md, "Where the
 * CPU goes"): every page <= 10 ms, token and get-session <= 3 ms, the API <= 2 ms; sign-in and
 * sign-up are dominated by password hashing and reported as they are.
 * `-- --no-build` reuses the last build; `-- --only token,tasks` measures only the routes whose name
 * contains one of those words (while profiling a change). The last line printed is one JSON object.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
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

type Route = {
  name: string;
  /** ms per request, app code only, that the route must stay within (undefined: reported only). */
  target?: number;
  /** Requests to average over: more for cheap routes, as /proc counts in 10 ms ticks. */
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

async function main() {
  // A registry of our own: the workers' bindings must not reach another run's workers.
  process.env.WRANGLER_REGISTRY_PATH ??= mkdtempSync(join(tmpdir(), "bench-registry-"));
  if (!flags["no-build"]) buildWeb({ quiet: true });

  const database = await startLocalDatabase();
  await applyMigrations(database.databaseUrl);
  const mailbox = await startMailbox({ port: 0, log: () => {} });
  const [webPort, apiPort] = [await freePort(), await freePort()];
  const origin = `http://127.0.0.1:${webPort}`;
  const apiOrigin = `http://127.0.0.1:${apiPort}`;
  const dbVars = { DATABASE_URL: database.databaseUrl, NEON_LOCAL_ENDPOINT: database.endpointUrl };
  const servers: RunningServer[] = [];
  try {
    servers.push(
      await startWranglerDev({
        port: webPort,
        quiet: !process.env.BENCH_VERBOSE,
        readyPath: "/api/auth/ok",
        args: ["-c", "web/wrangler.toml", "--env", "preview", "--persist-to", mkdtempSync(join(tmpdir(), "bench-web-"))],
        vars: {
          ...dbVars,
          // Verification off (as under npm run dev): the bench signs in without opening links.
          APP_ENV: "development",
          MAIL_CAPTURE_URL: mailbox.url,
          BETTER_AUTH_URL: origin,
          BETTER_AUTH_SECRET: randomBytes(32).toString("base64"),
          API_URL: apiOrigin,
        },
      }),
    );
    servers.push(
      await startWranglerDev({
        port: apiPort,
        quiet: !process.env.BENCH_VERBOSE,
        args: ["--env", "preview", "--persist-to", mkdtempSync(join(tmpdir(), "bench-api-"))],
        vars: { ...dbVars, WEB_ORIGIN: origin },
      }),
    );
    const [web, api] = servers as [RunningServer, RunningServer];
    const groups = { web: web.process.pid as number, api: api.process.pid as number };

    const authPost = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${origin}/api/auth${path}`, {
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
    const asPerson = (path: string) => fetch(`${origin}${path}`, { headers: { Cookie: cookie } });
    const { token } = (await (await asPerson("/api/auth/token")).json()) as { token: string };
    const tasks = `${apiOrigin}/api/${userId}/tasks`;
    const bearer = { Authorization: `Bearer ${token}` };
    const create = (i: number) =>
      fetch(tasks, {
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

    const routes: Route[] = [
      { name: "api: list", target: 2, requests: 100, send: () => fetch(`${tasks}?limit=20`, { headers: bearer }) },
      { name: "api: create", target: 2, requests: 100, send: create, expected: 201 },
      { name: "web: token", target: 3, requests: 100, send: () => asPerson("/api/auth/token") },
      { name: "web: get-session (cookie cache)", target: 3, requests: 100, send: () => asPerson("/api/auth/get-session") },
      {
        name: "web: get-session (database)",
        target: 3,
        requests: 100,
        send: () => asPerson("/api/auth/get-session?disableCookieCache=true"),
      },
      { name: "web: jwks", target: 3, requests: 100, send: () => fetch(`${origin}/api/auth/jwks`) },
      { name: "page: landing", target: 10, requests: 40, send: () => fetch(`${origin}/`) },
      { name: "page: tasks", target: 10, requests: 40, send: () => asPerson("/tasks") },
      { name: "page: dashboard", target: 10, requests: 40, send: () => asPerson("/dashboard") },
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
    // Requests that run no app code, one per worker: what wrangler dev's routing costs.
    const baselines = {
      api: { name: "api: /health", requests: 0, send: () => fetch(`${apiOrigin}/health`) },
      web: { name: "web: static asset", requests: 0, send: () => fetch(`${origin}/icon.svg`) },
    };
    const rows = [];
    for (const route of routes) {
      if (only && !only.some((word) => route.name.includes(word))) continue;
      const isApi = route.name.startsWith("api:");
      const own = await measure(route, isApi ? baselines.api : baselines.web, groups);
      const measured = isApi ? own.api : own.web;
      rows.push({
        route: route.name,
        web_cpu_ms: Number(own.web.toFixed(2)),
        api_cpu_ms: Number(own.api.toFixed(2)),
        target_ms: route.target ?? "-",
        within: route.target === undefined ? "-" : measured <= route.target ? "yes" : "NO",
      });
    }
    console.table(rows);
    const summary = {
      ...Object.fromEntries(rows.map((row) => [row.route, { web: row.web_cpu_ms, api: row.api_cpu_ms }])),
      over_target: rows.filter((row) => row.within === "NO").map((row) => row.route),
    };
    console.log(JSON.stringify(summary));
    if (summary.over_target.length > 0) process.exitCode = 1;
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await mailbox.stop();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
