// No route's statement scans `tasks` (or `task_labels`) from end to end: for a person with 10,000
// tasks and 50 labels among 100 other people with 1,000 tasks each, the EXPLAIN of each statement
// the list (each filter, each sort both ways, a later page, search), a 100-task bulk action (each
// action), Undo's restore of those 100 (among 100,000 other people's kept copies, with
// `deleted_tasks` checked too) and an export page issue has no Seq Scan of those tables; and where the list's order is
// an index's (no filter), no Sort of tasks either, which would mean reading them all for a page. The statements are captured
// from the data functions the routes call (a Drizzle logger), with their parameters, and explained
// as the owner. The tables are ANALYZEd after seeding: with no statistics, the planner guesses.
// Nothing here sets `enable_seqscan`: the plans are the ones the routes get. With 20 other people
// instead of 100 the planner rightly prefers to read the small table whole for a label filter;
// the numbers are the issue's. Seeding takes about 10 s on PGlite (a few INSERT … SELECT).
import { env } from "cloudflare:workers";
import { neon } from "@neondatabase/serverless";
import { asc, desc, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/neon-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../drizzle/index.ts";
import { actOnTasks } from "../src/data/bulk.ts";
import { restoreTasks } from "../src/data/deleted-tasks.ts";
import type { Caller } from "../src/data/live-session.ts";
import { exportPage } from "../src/data/task-export.ts";
import { DEFAULT_ORDER, listTasks, type TaskListOptions } from "../src/data/task-list.ts";
import type { Database } from "../src/db.ts";
import { TASK_SORTS } from "../src/lib/cursor.ts";
import type { BulkRequest } from "../src/schemas/bulk.ts";
import { createUser, dbFor, sessionIdFor, testEnv } from "./helpers.ts";

const api = testEnv({ DB_TRANSPORT: "http" });
const TASKS = 10_000;
const LABELS = 50;
const OTHERS = 100;
const OTHER_TASKS = 1_000;
const WORDS = ["milk", "bread", "call", "email", "report", "invoice", "garden", "dentist", "train", "review"];
const SCANNED_TABLES = ["tasks", "task_labels"];

/** One parameter holding a text array (Drizzle spreads a JS array into a list); plain words only. */
const pgArray = (values: string[]) => `{${values.join(",")}}`;

type Statement = { query: string; params: unknown[] };
type PlanNode = { "Node Type": string; "Relation Name"?: string; Plans?: PlanNode[] };

let userId: string;
let caller: Caller;
let labelIds: string[];
let taskIds: string[];
const otherIds = Array.from({ length: OTHERS }, () => `plans-${crypto.randomUUID()}`);

/** A database that runs statements as the API's does, and records each one it sends. */
function recordingDatabase(): { db: Database; statements: Statement[] } {
  const statements: Statement[] = [];
  dbFor(api); // points the Neon driver at the local endpoint
  const db = drizzle({
    client: neon(env.TEST_OWNER_DATABASE_URL),
    schema,
    logger: { logQuery: (query, params) => statements.push({ query, params }) },
  });
  return { db, statements };
}

/** Whether the node reads `tasks` with no LIMIT in between (a LIMIT bounds what it reads). */
const readsTasksUnbounded = (node: PlanNode): boolean =>
  node["Node Type"] !== "Limit" && (node["Relation Name"] === "tasks" || (node.Plans ?? []).some(readsTasksUnbounded));

/**
 * What is wrong with the statement's plan: each Seq Scan of `tasks` or `task_labels`, and (when
 * `ordered`: a list in index order, with no filter that the index cannot serve) each full Sort of
 * tasks with no LIMIT below it, which means every task of the person is read for one page. (A
 * Sort of the page's rows, above its LIMIT, or an Incremental Sort of the ties within one key,
 * is bounded by the page.)
 */
async function planProblems(statement: Statement, ordered: boolean, scanned = SCANNED_TABLES): Promise<string[]> {
  const explain = neon(env.TEST_OWNER_DATABASE_URL);
  const [row] = (await explain.query(`explain (format json) ${statement.query}`, statement.params)) as {
    "QUERY PLAN": unknown;
  }[];
  const plan = row?.["QUERY PLAN"];
  const [root] = (typeof plan === "string" ? JSON.parse(plan) : plan) as { Plan: PlanNode }[];
  const problems: string[] = [];
  const visit = (node: PlanNode) => {
    if (node["Node Type"] === "Seq Scan" && scanned.includes(node["Relation Name"] ?? "")) {
      problems.push(`Seq Scan on ${node["Relation Name"]}`);
    }
    if (ordered && node["Node Type"] === "Sort" && (node.Plans ?? []).some(readsTasksUnbounded)) {
      problems.push("Sort of tasks");
    }
    for (const child of node.Plans ?? []) visit(child);
  };
  if (root) visit(root.Plan);
  return problems;
}

/** Runs `work` on a recording database and returns the plan problems of each statement it sent. */
async function scansOf(work: (db: Database) => Promise<unknown>, ordered = false, scanned = SCANNED_TABLES) {
  const { db, statements } = recordingDatabase();
  await work(db);
  expect(statements.length).toBeGreaterThan(0);
  return Promise.all(statements.map((statement) => planProblems(statement, ordered, scanned)));
}

const listOptions = (options: Partial<TaskListOptions>): TaskListOptions => ({
  status: "all",
  sort: "created",
  tz: "Europe/Paris",
  limit: 50,
  order: DEFAULT_ORDER[options.sort ?? "created"],
  ...options,
});

describe("query plans for a person with 10,000 tasks among 110,000", () => {
  beforeAll(async () => {
    userId = await createUser(api);
    caller = { userId, sessionId: sessionIdFor(userId), keyId: (await firstKeyId()) as string };
    const { db } = dbFor(api);
    await db.execute(sql`
      insert into "user" (id, name, email, updated_at)
      select id, 'Other', id || '@example.test', now() from unnest(${pgArray(otherIds)}::text[]) as id`);
    // One statement per table: the person's tasks (a word of WORDS in each title, a quarter
    // completed, most with a due date within two months, every priority, a position each), then
    // everyone else's.
    await db.execute(sql`
      insert into tasks (user_id, title, description, completed, completed_at, created_at, due_at, priority, position)
      select ${userId}, 'task ' || i || ' ' || (${pgArray(WORDS)}::text[])[1 + i % ${WORDS.length}],
        case when i % 3 = 0 then 'notes for ' || i end, i % 4 = 0, case when i % 4 = 0 then now() end,
        now() - i * interval '1 minute', case when i % 5 <> 0 then now() + (i % 60 - 20) * interval '1 day' end,
        i % 5, 'a' || lpad(i::text, 6, '0')
      from generate_series(1, ${TASKS}) as i`);
    await db.execute(sql`
      insert into tasks (user_id, title, completed, created_at, due_at, priority, position)
      select owner, 'their task ' || i || ' ' || (${pgArray(WORDS)}::text[])[1 + i % ${WORDS.length}], i % 4 = 0,
        now() - i * interval '1 minute', now() + (i % 60 - 20) * interval '1 day', i % 5, 'a' || lpad(i::text, 6, '0')
      from unnest(${pgArray(otherIds)}::text[]) as owner, generate_series(1, ${OTHER_TASKS}) as i`);
    await db.execute(sql`
      insert into labels (user_id, name) select ${userId}, 'label ' || i from generate_series(1, ${LABELS}) as i`);
    // Two labels on each of the person's tasks.
    await db.execute(sql`
      with person_tasks as (select id, row_number() over (order by id) as n from tasks where user_id = ${userId}),
        person_labels as (select id, row_number() over (order by id) - 1 as n from labels where user_id = ${userId})
      insert into task_labels (task_id, label_id)
      select t.id, l.id from person_tasks t join person_labels l on l.n in (t.n % ${LABELS}, (t.n * 7 + 1) % ${LABELS})`);
    // Everyone else's deleted tasks whose copies the scheduled clean-up has not removed yet.
    await db.execute(sql`
      insert into deleted_tasks (task_id, user_id, task, label_ids)
      select gen_random_uuid(), owner, '{}'::jsonb, '{}'::uuid[]
      from unnest(${pgArray(otherIds)}::text[]) as owner, generate_series(1, ${OTHER_TASKS})`);
    await db.execute(sql`analyze tasks, task_labels, labels, deleted_tasks`);
    const own = await db.select({ id: schema.labels.id }).from(schema.labels).where(eq(schema.labels.userId, userId));
    labelIds = own.map((row) => row.id).sort();
    const newest = await db
      .select({ id: schema.tasks.id })
      .from(schema.tasks)
      .where(eq(schema.tasks.userId, userId))
      .orderBy(desc(schema.tasks.createdAt))
      .limit(100);
    taskIds = newest.map((row) => row.id);
  }, 120_000);

  afterAll(async () => {
    const { db } = dbFor(api);
    await db.execute(sql`delete from "user" where id = any(${pgArray([...otherIds, userId])}::text[])`);
  }, 120_000);

  const filters: [string, Partial<TaskListOptions>][] = [
    ["the plain list", {}],
    ["status=pending", { status: "pending" }],
    ["status=completed", { status: "completed" }],
    ["one label", { label: ["LABEL0"] }],
    ["two labels", { label: ["LABEL0", "LABEL1"] }],
    ["priority=urgent", { priority: ["urgent"] }],
    ["priority=low,high", { priority: ["low", "high"] }],
    ["due=overdue", { due: "overdue" }],
    ["due=today", { due: "today" }],
    ["due=week", { due: "week" }],
    ["due=none", { due: "none" }],
    ["q=milk", { q: "milk" }],
    ["q=two words", { q: "task mil" }],
    ["q with status and sort=due", { q: "report", status: "pending", sort: "due" }],
  ];
  for (const sort of TASK_SORTS) {
    for (const order of ["asc", "desc"] as const) filters.push([`sort=${sort}&order=${order}`, { sort, order }]);
  }

  it.each(filters)("lists (%s) with no sequential scan", async (_, options) => {
    const label = options.label?.map((name) => labelIds[Number(name.slice(5))] as string);
    // With no filter, or only the status, the index's order is the list's: nothing to sort.
    const ordered = Object.keys(options).every((name) => ["sort", "order"].includes(name));
    const scans = await scansOf((db) => listTasks(db, caller, listOptions({ ...options, ...(label ? { label } : {}) })), ordered);
    expect(scans).toEqual([[]]);
  });

  it.each(TASK_SORTS)("lists a later page of sort=%s (the keyset) with no sequential scan", async (sort) => {
    const { db } = recordingDatabase();
    const first = await listTasks(db, caller, listOptions({ sort }));
    if (first.kind !== "page") throw new Error("no page");
    const last = first.tasks[49];
    if (!last) throw new Error("short page");
    const value = { created: last.createdAt, due: last.dueAt, priority: last.priority, position: last.position }[sort];
    const after = { sort, value, id: last.id } as TaskListOptions["after"];
    const scans = await scansOf((db) => listTasks(db, caller, listOptions({ sort, after })), true);
    expect(scans).toEqual([[]]);
  });

  it.each(["complete", "reopen", "add_label", "remove_label", "delete"] as const)(
    "acts on 100 tasks (%s) with no sequential scan",
    async (action) => {
      const request = {
        action,
        ids: taskIds,
        ...(action.endsWith("_label") ? { label_id: labelIds[3] } : {}),
      } as BulkRequest;
      // Each runs too (explained after it ran, with the statistics of before): `delete` comes last.
      const scans = await scansOf((db) => actOnTasks(db, caller, request));
      expect(scans).toEqual([[]]);
    },
  );

  it("restores the 100 deleted tasks (Undo) with no sequential scan, among 100,000 other people's copies", async () => {
    const scans = await scansOf(
      async (db) => {
        // The delete above kept the copies: the restore must find every one of them.
        expect(await restoreTasks(db, caller, taskIds)).toHaveLength(taskIds.length);
      },
      false,
      [...SCANNED_TABLES, "deleted_tasks"],
    );
    expect(scans).toEqual([[]]);
  });

  it("exports a page (the first and a later one) with no sequential scan", async () => {
    const { db } = recordingDatabase();
    const first = await exportPage(db, caller, null, 500);
    const last = first.tasks.at(-1);
    if (!last) throw new Error("empty page");
    expect(await scansOf((db) => exportPage(db, caller, null, 500), true)).toEqual([[]]);
    expect(await scansOf((db) => exportPage(db, caller, { createdAt: last.createdAt, id: last.id }, 500), true)).toEqual([[]]);
  });
});

async function firstKeyId() {
  const { db } = dbFor(api);
  const [row] = await db.select({ id: schema.jwks.id }).from(schema.jwks).orderBy(asc(schema.jwks.createdAt)).limit(1);
  return row?.id;
}
