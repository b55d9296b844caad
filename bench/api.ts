/**
 * `npm run bench:api`: throughput of the API worker under `wrangler dev` on the local stack.
 *
 * Loads GET /health (no I/O) and an authenticated GET /api/:userId/tasks (a user with 10 tasks)
 * at concurrency 10 and 50 for 10 s each (two alternating halves of 5 s), in one run, so that the
 * ratio compares like with like on a noisy machine. The JWKS origin is the test stand-in
 * (test/jwks-server.ts), which counts fetches; the local database counts the Postgres connections
 * it opens. The last line printed is one JSON object with the headline figures.
 *
 * Then the large data set (bench/many-tasks.ts): a person with 10,000 tasks and 50 labels
 * among 100 people with 1,000 tasks each. One request at a time, `LARGE_SAMPLES` each: the plain
 * list, a search (`q`) and a 100-task bulk action (complete and reopen in turn); their median and
 * p95 go in the JSON line (`large_*_ms`), with how long the seeding took.
 *
 * Then revocation: 20 people (real Better Auth, bench/auth-stack.ts) each take a token, use it,
 * sign out, and replay it at once; `revocation_ms` is the median time from the end of the
 * sign-out response to the API's first 401 (the bound is 1000 ms).
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { promisify } from "node:util";
import type autocannon from "autocannon";
import { type ApiStack, startApiStack } from "./api-stack.ts";
import { MANY_LABELS, MANY_TASKS, OTHER_PEOPLE, OTHER_TASKS, SEARCH_WORD, seedManyTasks } from "./many-tasks.ts";

const run = promisify(execFile);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 8799);

type Row = { target: string; connections: number; rps: number; p50: number; p99: number; non2xx: number; errors: number };

const AUTOCANNON = resolve(import.meta.dirname, "../node_modules/autocannon/autocannon.js");

/**
 * Runs autocannon in a child process: in this process it would share one event loop with the
 * embedded database and its endpoint, and the load generator would throttle the thing it measures.
 */
async function load(
  url: string,
  connections: number,
  headers: Record<string, string>,
  seconds: number,
): Promise<autocannon.Result> {
  const args = [AUTOCANNON, "--json", "-c", String(connections), "-d", String(seconds)];
  for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}=${value}`);
  const { stdout } = await run(process.execPath, [...args, url], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as autocannon.Result;
}

const SIGN_OUTS = 20;
const LARGE_SAMPLES = Number(process.env.BENCH_LARGE_SAMPLES ?? 40);

/** The value below which `share` of the timings fall, to a tenth of a millisecond. */
const percentile = (values: number[], share: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
  return Number(at.toFixed(1));
};

/** Median and p95 of the list, a search and a 100-task bulk action, for the large data set. */
async function measureLargeList(stack: ApiStack) {
  const [userId] = await stack.createUsers(1);
  if (!userId) throw new Error("no user");
  const seedStart = performance.now();
  const bulkIds = await seedManyTasks(stack, userId);
  const seedMs = performance.now() - seedStart;
  const headers = { Authorization: `Bearer ${await stack.tokenFor(userId)}`, "Content-Type": "application/json" };
  const tasksUrl = `${stack.api.url}/api/${userId}/tasks`;
  const timed = async (request: () => Promise<Response>) => {
    const start = performance.now();
    const response = await request();
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`large data set: ${response.status}`);
    return performance.now() - start;
  };
  const requests = {
    list: () => fetch(tasksUrl, { headers }),
    search: () => fetch(`${tasksUrl}?q=${SEARCH_WORD}`, { headers }),
    bulk: (i: number) =>
      fetch(`${tasksUrl}/bulk`, {
        method: "POST",
        headers,
        body: JSON.stringify({ action: i % 2 === 0 ? "complete" : "reopen", ids: bulkIds }),
      }),
  };
  const samples = { list: [] as number[], search: [] as number[], bulk: [] as number[] };
  for (let i = 0; i < LARGE_SAMPLES + 3; i++) {
    // Interleaved, so that drift in the machine's load touches all three alike; 3 warm-up rounds.
    const round = [await timed(requests.list), await timed(requests.search), await timed(() => requests.bulk(i))];
    if (i < 3) continue;
    samples.list.push(round[0] as number);
    samples.search.push(round[1] as number);
    samples.bulk.push(round[2] as number);
  }
  return {
    large_data_set: `${MANY_TASKS} tasks, ${MANY_LABELS} labels; ${OTHER_PEOPLE} others x ${OTHER_TASKS}`,
    large_seed_s: Number((seedMs / 1000).toFixed(1)),
    large_samples: LARGE_SAMPLES,
    large_list_p50_ms: percentile(samples.list, 0.5),
    large_list_p95_ms: percentile(samples.list, 0.95),
    large_search_p50_ms: percentile(samples.search, 0.5),
    large_search_p95_ms: percentile(samples.search, 0.95),
    large_bulk100_p50_ms: percentile(samples.bulk, 0.5),
    large_bulk100_p95_ms: percentile(samples.bulk, 0.95),
  };
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Milliseconds from the end of each sign-out response to the API's first 401 for its token. */
async function measureRevocation(stack: ApiStack): Promise<number[]> {
  const [auth] = stack.auth;
  if (!auth) throw new Error("no auth worker");
  const samples: number[] = [];
  for (let i = 0; i < SIGN_OUTS; i++) {
    const { userId, cookie } = await auth.signUp();
    const { token } = (await (await auth.token(cookie)).json()) as { token: string };
    const list = () => fetch(`${stack.api.url}/api/${userId}/tasks`, { headers: { Authorization: `Bearer ${token}` } });
    const before = await list();
    if (before.status !== 200) throw new Error(`token refused before sign-out: ${before.status}`);
    const signOut = await auth.signOut(cookie);
    await signOut.arrayBuffer(); // the response has ended
    if (signOut.status !== 200) throw new Error(`sign-out failed: ${signOut.status}`);
    const signedOutAt = performance.now();
    for (let attempt = 0; ; attempt++) {
      if ((await list()).status === 401) break;
      if (attempt > 1000) throw new Error("the API kept accepting a signed-out token");
    }
    samples.push(performance.now() - signedOutAt);
  }
  return samples;
}

/**
 * Which Postgres the run used. PGlite (the default: Postgres in WASM inside this bench's own
 * process) spends the machine's cores beside the workers; a real server (DATABASE_URL) runs in
 * processes of its own, as Neon does far from the worker, so the two give different ratios.
 */
async function databaseEngine(stack: ApiStack): Promise<string> {
  if (!process.env.DATABASE_URL) return "PGlite";
  const [row] = await stack.query<{ version: string }>("select current_setting('server_version') as version");
  return `PostgreSQL ${row?.version.split(" ")[0] ?? "?"}`;
}

async function main() {
  const stack = await startApiStack(PORT);
  const { api, database } = stack;
  const engine = await databaseEngine(stack);
  const [userId] = await stack.createUsers(1);
  if (!userId) throw new Error("no user");
  const auth = { Authorization: `Bearer ${await stack.tokenFor(userId)}` };
  const rows: Row[] = [];
  try {
    const tasksUrl = `${api.url}/api/${userId}/tasks`;
    for (let i = 1; i <= 10; i++) {
      const response = await fetch(tasksUrl, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({ title: `bench task ${i}` }),
      });
      if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
    }
    const check = await (await fetch(tasksUrl, { headers: auth })).json();
    if ((check as { tasks: unknown[] }).tasks.length !== 10) throw new Error("expected 10 tasks");

    await load(`${api.url}/health`, 10, {}, 3); // warm-up, not reported
    // Each target runs in two halves, alternating with the other, so that drift in the machine's
    // load during the run biases neither side of the ratio.
    const targets = [
      ["GET /health", `${api.url}/health`, {}],
      ["GET /api/:userId/tasks", tasksUrl, auth],
    ] as const;
    for (const connections of [10, 50]) {
      const halves = new Map<string, autocannon.Result[]>();
      for (let half = 0; half < 2; half++) {
        for (const [target, url, headers] of targets) {
          const result = await load(url, connections, headers, DURATION_S / 2);
          halves.set(target, [...(halves.get(target) ?? []), result]);
        }
      }
      for (const [target, results] of halves) {
        rows.push({
          target,
          connections,
          rps: Math.round(results.reduce((sum, r) => sum + r.requests.total, 0) / DURATION_S),
          p50: Math.max(...results.map((r) => r.latency.p50)),
          p99: Math.max(...results.map((r) => r.latency.p99)),
          non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
          errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
        });
      }
    }
  } catch (error) {
    await stack.stop();
    throw error;
  }
  const after = database.stats();
  const fetches = await stack.jwksFetches();
  // After the throughput runs, which keep their 10-task person, so that the ratio is as before.
  const large = await measureLargeList(stack).catch(async (error) => {
    await stack.stop();
    throw error;
  });
  // Better Auth starts only now, so that it takes no CPU from the throughput runs. Its key is new
  // to the API worker, which finds it in the key store and fetches it once.
  const revocation = await stack
    .addAuthWorkers([{ BETTER_AUTH_SECRET: randomBytes(32).toString("base64") }])
    .then(() => measureRevocation(stack))
    .finally(() => stack.stop());

  console.table(rows);
  const at = (target: string, connections: number) => rows.find((r) => r.target === target && r.connections === connections);
  const health = at("GET /health", 10);
  const tasks = at("GET /api/:userId/tasks", 10);
  if (!health || !tasks) throw new Error("missing results");
  const summary = {
    database: engine,
    health_rps: health.rps,
    tasks_rps: tasks.rps,
    ratio: Number((tasks.rps / health.rps).toFixed(2)),
    p99_ms: tasks.p99,
    tasks_rps_c50: at("GET /api/:userId/tasks", 50)?.rps,
    non2xx: rows.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
    jwks_fetches: fetches,
    db_connections_opened: after.connectionsOpened - stack.connectionsBefore,
    db_pool_size: 4,
    db_connections_open_after: after.connectionsOpen,
    revocation_ms: Number(median(revocation).toFixed(1)),
    revocation_max_ms: Number(Math.max(...revocation).toFixed(1)),
    ...large,
  };
  console.log(
    `ratio ${summary.ratio} (target >= 0.5), jwks_fetches ${summary.jwks_fetches} (target 1), db connections opened ${summary.db_connections_opened} (pool size ${summary.db_pool_size}), revocation_ms ${summary.revocation_ms} (target <= 1000)`,
  );
  if (summary.revocation_ms > 1000) process.exitCode = 1;
  console.log(JSON.stringify(summary));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
