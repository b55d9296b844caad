/**
 * The large data set, for bench:api: one person with 10,000 tasks and 50 labels (two on
 * each task; titles share ten words, so a search matches a tenth), among 100 other people with
 * 1,000 tasks each. A handful of INSERT … SELECT generate_series statements, then ANALYZE, as
 * worker-api/test/query-plans.test.ts seeds its own.
 */
import type { ApiStack } from "./api-stack.ts";

export const MANY_TASKS = 10_000;
export const MANY_LABELS = 50;
export const OTHER_PEOPLE = 100;
export const OTHER_TASKS = 1_000;
export const SEARCH_WORD = "milk";
const WORDS = `{${[SEARCH_WORD, "bread", "call", "email", "report", "invoice", "garden", "dentist", "train", "review"].join(",")}}`;

/** Seeds `userId` (a user with a session already) and the other people; answers the newest 100 task ids. */
export async function seedManyTasks(stack: ApiStack, userId: string): Promise<string[]> {
  await stack.query(
    `insert into "user" (id, name, email, updated_at)
     select 'bench-other-' || i || '-' || $1, 'Other', 'other-' || i || '-' || $1 || '@bench.test', now()
     from generate_series(1, $2::int) as i`,
    [userId, OTHER_PEOPLE],
  );
  await stack.query(
    `insert into tasks (user_id, title, description, completed, completed_at, created_at, due_at, priority, position)
     select $1, 'task ' || i || ' ' || ($2::text[])[1 + i % 10], case when i % 3 = 0 then 'notes for ' || i end,
       i % 4 = 0, case when i % 4 = 0 then now() end, now() - i * interval '1 minute',
       case when i % 5 <> 0 then now() + (i % 60 - 20) * interval '1 day' end, i % 5, 'a' || lpad(i::text, 6, '0')
     from generate_series(1, $3::int) as i`,
    [userId, WORDS, MANY_TASKS],
  );
  await stack.query(
    `insert into tasks (user_id, title, completed, created_at, due_at, priority, position)
     select u.id, 'their task ' || i || ' ' || ($2::text[])[1 + i % 10], i % 4 = 0, now() - i * interval '1 minute',
       now() + (i % 60 - 20) * interval '1 day', i % 5, 'a' || lpad(i::text, 6, '0')
     from "user" u, generate_series(1, $3::int) as i where u.id like 'bench-other-%-' || $1`,
    [userId, WORDS, OTHER_TASKS],
  );
  await stack.query(`insert into labels (user_id, name) select $1, 'label ' || i from generate_series(1, $2::int) as i`, [
    userId,
    MANY_LABELS,
  ]);
  await stack.query(
    `with person_tasks as (select id, row_number() over (order by id) as n from tasks where user_id = $1),
       person_labels as (select id, row_number() over (order by id) - 1 as n from labels where user_id = $1)
     insert into task_labels (task_id, label_id)
     select t.id, l.id from person_tasks t join person_labels l on l.n in (t.n % $2, (t.n * 7 + 1) % $2)`,
    [userId, MANY_LABELS],
  );
  await stack.query("analyze tasks, task_labels, labels");
  const newest = await stack.query<{ id: string }>("select id from tasks where user_id = $1 order by created_at desc limit 100", [
    userId,
  ]);
  return newest.map((row) => row.id);
}
