/**
 * `npm run bench:load`: 20 users each write 50 tasks concurrently through the API worker on the
 * local stack, then read them back. Every write acknowledged with a 2xx must be in the database,
 * on its own user's list and no other; no request may end in a 5xx.
 *
 * Then rotation under load: 20 people signed in with real Better Auth take tokens (a fresh one
 * every few calls, as browsers do over time) and call the API for 10 s, while the signing key is
 * rotated twice (`npm run keys:rotate`, as an operator would) and the auth secret once (traffic
 * moves to a second web worker configured with `BETTER_AUTH_SECRETS=2:new,1:old`, as a deploy
 * would). Every non-2xx answer counts as a `rotation_failure`; there must be none.
 *
 * Every create carries an `Idempotency-Key`, as the web client's do, and a create that got no
 * answer (or a 409/5xx) is retried with the same key. Fault mode, `-- --drop-responses 0.2`, puts
 * a proxy in front of the API that loses that share of the POSTs' answers after the API wrote them
 * (bench/lossy-proxy.ts): every task must still be stored exactly once (`duplicates` 0, `lost` 0,
 * `unacknowledged` 0). `-- --no-idempotency-key` sends none, to show what the key prevents.
 *
 * The last line printed is one JSON object: acknowledged, stored, lost, duplicates, errors_5xx,
 * rps, dropped_responses, retries, rotation_requests, rotation_failures.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs, promisify } from "node:util";
import { type ApiStack, startApiStack } from "./api-stack.ts";
import type { AuthWorker } from "./auth-stack.ts";
import { freePort } from "./free-port.ts";
import { startLossyProxy } from "./lossy-proxy.ts";

const { values: flags } = parseArgs({
  options: { "drop-responses": { type: "string", default: "0" }, "no-idempotency-key": { type: "boolean", default: false } },
});
const DROP_SHARE = Number(flags["drop-responses"]);
if (!(DROP_SHARE >= 0 && DROP_SHARE < 1)) throw new Error("--drop-responses takes a share from 0 to below 1, e.g. 0.2");
/** Attempts per create before it counts as unacknowledged. */
const MAX_ATTEMPTS = 10;

const USERS = 20;
const TASKS_PER_USER = 50;
/** Requests in flight per user (so USERS × this in flight overall). */
const IN_FLIGHT_PER_USER = 5;

type Outcome = {
  acknowledged: Map<string, string>;
  status5xx: number;
  otherFailures: number;
  retries: number;
  unacknowledged: number;
};

async function writeTasks(apiUrl: string, userId: string, token: string): Promise<Outcome> {
  const outcome: Outcome = { acknowledged: new Map(), status5xx: 0, otherFailures: 0, retries: 0, unacknowledged: 0 };
  let next = 0;
  /** One create until it is answered: retried with its key after no answer, a 409 or a 5xx. */
  const create = async (title: string) => {
    const key = flags["no-idempotency-key"] ? undefined : crypto.randomUUID();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > 1) outcome.retries += 1;
      try {
        const response = await fetch(`${apiUrl}/api/${userId}/tasks`, {
          method: "POST",
          headers: {
            Authorization: `Bearer ${token}`,
            "Content-Type": "application/json",
            ...(key ? { "Idempotency-Key": key } : {}),
          },
          body: JSON.stringify({ title }),
        });
        if (response.status === 201) {
          outcome.acknowledged.set(((await response.json()) as { id: string }).id, title);
          return;
        }
        await response.arrayBuffer();
        if (response.status >= 500) outcome.status5xx += 1;
        else if (response.status !== 409) {
          outcome.otherFailures += 1;
          return;
        }
      } catch {
        // No answer: the request may or may not have been written. Retry it.
      }
      await sleep(20 * attempt);
    }
    outcome.unacknowledged += 1;
  };
  const worker = async () => {
    while (next < TASKS_PER_USER) await create(`${userId.slice(0, 8)} task ${next++}`);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT_PER_USER }, worker));
  return outcome;
}

async function readBack(apiUrl: string, userId: string, token: string): Promise<{ id: string; user_id: string }[]> {
  const tasks: { id: string; user_id: string }[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=100&cursor=${cursor}` : "?limit=100";
    const response = await fetch(`${apiUrl}/api/${userId}/tasks${query}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`read-back failed: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { tasks: { id: string; user_id: string }[]; next_cursor: string | null };
    tasks.push(...page.tasks);
    cursor = page.next_cursor;
  } while (cursor);
  return tasks;
}

const ROTATION_SECONDS = 10;
const CALLS_PER_TOKEN = 5;
const OLD_SECRET = randomBytes(32).toString("base64");
const NEW_SECRET = randomBytes(32).toString("base64");
const BEFORE = { BETTER_AUTH_SECRET: OLD_SECRET };
const AFTER = { BETTER_AUTH_SECRET: OLD_SECRET, BETTER_AUTH_SECRETS: `2:${NEW_SECRET},1:${OLD_SECRET}` };

/** `npm run keys:rotate` against the bench's database, with the given worker's secrets. */
async function rotateKeys(stack: ApiStack, secrets: Record<string, string>): Promise<void> {
  // Under React's server condition, as in package.json: the web's server modules import "server-only".
  const script = ["--conditions=react-server", resolve(import.meta.dirname, "../scripts/keys-rotate.ts")];
  await promisify(execFile)(process.execPath, script, {
    env: { ...process.env, ...secrets, DATABASE_URL: stack.database.databaseUrl },
  });
}

async function rotationUnderLoad(stack: ApiStack): Promise<{ requests: number; failures: string[] }> {
  const [before, after] = stack.auth as [AuthWorker, AuthWorker];
  const people = [];
  for (let i = 0; i < USERS; i++) people.push(await before.signUp());
  let current = before; // the web worker that the traffic reaches: the "deploy" switches it
  let requests = 0;
  const failures: string[] = [];
  const deadline = performance.now() + ROTATION_SECONDS * 1000;

  const person = async ({ userId, cookie, address }: { userId: string; cookie: string; address: string }) => {
    let token = "";
    for (let call = 0; performance.now() < deadline; call++) {
      if (call % CALLS_PER_TOKEN === 0) {
        requests++;
        const response = await current.token(cookie, address);
        if (response.status !== 200) {
          failures.push(`token ${response.status} ${await response.text()}`);
          continue;
        }
        token = ((await response.json()) as { token: string }).token;
      }
      requests++;
      const write = call % 2 === 0;
      const response = await fetch(`${stack.api.url}/api/${userId}/tasks`, {
        method: write ? "POST" : "GET",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: write ? JSON.stringify({ title: `during rotation ${call}` }) : undefined,
      });
      if (!response.ok) failures.push(`${write ? "POST" : "GET"} ${response.status} ${await response.text()}`);
      else await response.arrayBuffer();
    }
  };
  const operator = async () => {
    await sleep(2000);
    await rotateKeys(stack, BEFORE);
    await sleep(1500);
    current = after; // the secret rotation's deploy: every request now reaches the new version
    await sleep(1500);
    await rotateKeys(stack, AFTER); // the next key is encrypted under the new secret
  };
  await Promise.all([...people.map(person), operator()]);
  return { requests, failures };
}

async function main() {
  const stack = await startApiStack(Number(process.env.BENCH_PORT) || (await freePort()));
  await stack.addAuthWorkers([BEFORE, AFTER]);
  try {
    const users = await stack.createUsers(USERS);
    const tokens = await Promise.all(users.map((id) => stack.tokenFor(id)));

    const proxy = DROP_SHARE > 0 ? await startLossyProxy(stack.api.url, DROP_SHARE) : undefined;
    const started = performance.now();
    const writeUrl = proxy?.url ?? stack.api.url;
    const outcomes = await Promise.all(users.map((id, i) => writeTasks(writeUrl, id, tokens[i] as string)));
    const seconds = (performance.now() - started) / 1000;
    await proxy?.close();

    let acknowledged = 0;
    let lost = 0;
    let foreign = 0;
    for (const [i, userId] of users.entries()) {
      const outcome = outcomes[i] as Outcome;
      acknowledged += outcome.acknowledged.size;
      const listed = await readBack(stack.api.url, userId, tokens[i] as string);
      const listedIds = new Set(listed.map((task) => task.id));
      for (const id of outcome.acknowledged.keys()) if (!listedIds.has(id)) lost += 1;
      foreign += listed.filter((task) => task.user_id !== userId).length;
    }
    // The database itself, not only the API's view of it.
    const rows = await stack.query<{ user_id: string; title: string }>(
      `select user_id, title from tasks where user_id = any($1::text[])`,
      [users],
    );
    const misplaced = rows.filter((row) => !row.title.startsWith(row.user_id.slice(0, 8))).length;
    // Each title is written once per user: any second row of one is a duplicate.
    const duplicates = rows.length - new Set(rows.map((row) => `${row.user_id} ${row.title}`)).size;
    const rotation = await rotationUnderLoad(stack);
    for (const failure of new Set(rotation.failures)) console.error(`rotation failure: ${failure}`);
    const errors5xx = outcomes.reduce((sum, o) => sum + o.status5xx, 0);
    const otherFailures = outcomes.reduce((sum, o) => sum + o.otherFailures, 0);
    const unacknowledged = outcomes.reduce((sum, o) => sum + o.unacknowledged, 0);
    const summary = {
      users: USERS,
      attempted: USERS * TASKS_PER_USER,
      acknowledged,
      stored: rows.length,
      lost,
      duplicates,
      unacknowledged,
      errors_5xx: errors5xx,
      other_failures: otherFailures,
      foreign_rows_listed: foreign,
      misplaced_rows: misplaced,
      seconds: Number(seconds.toFixed(2)),
      rps: Math.round((USERS * TASKS_PER_USER) / seconds),
      drop_share: DROP_SHARE,
      dropped_responses: proxy?.dropped() ?? 0,
      retries: outcomes.reduce((sum, o) => sum + o.retries, 0),
      rotation_requests: rotation.requests,
      rotation_failures: rotation.failures.length,
    };
    console.table([summary]);
    console.log(JSON.stringify(summary));
    if (lost > 0 || errors5xx > 0 || foreign > 0 || misplaced > 0 || rows.length !== acknowledged) process.exitCode = 1;
    if (duplicates > 0 || unacknowledged > 0 || otherFailures > 0) process.exitCode = 1;
    if (rotation.failures.length > 0) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
