/**
 * `npm run bench:load`: 20 users each write 50 tasks concurrently through the API worker on the
 * local stack, then read them back. Every write acknowledged with a 2xx must be in the database,
 * on its own user's list and no other; no request may end in a 5xx.
 * The last line printed is one JSON object: acknowledged, stored, lost, errors_5xx, rps.
 */
import { startApiStack } from "./api-stack.ts";

const USERS = 20;
const TASKS_PER_USER = 50;
/** Requests in flight per user (so USERS × this in flight overall). */
const IN_FLIGHT_PER_USER = 5;
const PORT = Number(process.env.BENCH_PORT ?? 8797);

type Outcome = { acknowledged: Map<string, string>; status5xx: number; otherFailures: number };

async function writeTasks(apiUrl: string, userId: string, token: string): Promise<Outcome> {
  const outcome: Outcome = { acknowledged: new Map(), status5xx: 0, otherFailures: 0 };
  let next = 0;
  const worker = async () => {
    while (next < TASKS_PER_USER) {
      const title = `${userId.slice(0, 8)} task ${next++}`;
      try {
        const response = await fetch(`${apiUrl}/api/${userId}/tasks`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ title }),
        });
        if (response.status >= 500) outcome.status5xx += 1;
        else if (response.status === 201) outcome.acknowledged.set(((await response.json()) as { id: string }).id, title);
        else outcome.otherFailures += 1;
      } catch {
        outcome.otherFailures += 1;
      }
    }
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
    if (!response.ok) throw new Error(`read-back failed: ${response.status}`);
    const page = (await response.json()) as { tasks: { id: string; user_id: string }[]; next_cursor: string | null };
    tasks.push(...page.tasks);
    cursor = page.next_cursor;
  } while (cursor);
  return tasks;
}

async function main() {
  const stack = await startApiStack(PORT);
  try {
    const users = await stack.createUsers(USERS);
    const tokens = await Promise.all(users.map((id) => stack.tokenFor(id)));

    const started = performance.now();
    const outcomes = await Promise.all(users.map((id, i) => writeTasks(stack.api.url, id, tokens[i] as string)));
    const seconds = (performance.now() - started) / 1000;

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
    const errors5xx = outcomes.reduce((sum, o) => sum + o.status5xx, 0);
    const otherFailures = outcomes.reduce((sum, o) => sum + o.otherFailures, 0);
    const summary = {
      users: USERS,
      attempted: USERS * TASKS_PER_USER,
      acknowledged,
      stored: rows.length,
      lost,
      errors_5xx: errors5xx,
      other_failures: otherFailures,
      foreign_rows_listed: foreign,
      misplaced_rows: misplaced,
      seconds: Number(seconds.toFixed(2)),
      rps: Math.round((USERS * TASKS_PER_USER) / seconds),
    };
    console.table([summary]);
    console.log(JSON.stringify(summary));
    if (lost > 0 || errors5xx > 0 || foreign > 0 || misplaced > 0 || rows.length !== acknowledged) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
