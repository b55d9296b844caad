/**
 * The API's order of a task list (worker-api/src/data/task-list.ts), in the browser: so that a task
 * created on this page or elsewhere goes where the next load would put it, whatever the sort. Each
 * sort's key: `created_at`; the due instant (an all-day date is its UTC midnight, as the API stores
 * it); the priority's rank; the manual `position` (JavaScript's string order is the C collation the
 * keys are compared in). A task without the key sorts after every key (last ascending, first
 * descending: Postgres's NULLS order); equal keys go by id, in the list's direction.
 */
import { TASK_PRIORITIES } from "../../../drizzle/limits.ts";
import type { Task } from "./api.ts";
import type { SortOrder, TaskSort } from "./task-query.ts";

/** What a sort reads of a task: its id, and the sort's own field. */
export type Sortable = Pick<Task, "id"> & Partial<Pick<Task, "created_at" | "due" | "priority" | "position">>;

type Key = string | number | null;

function keyOf(task: Sortable, sort: TaskSort): Key {
  switch (sort) {
    case "created":
      return task.created_at ?? null;
    case "due":
      if (!task.due) return null;
      return "date" in task.due ? `${task.due.date}T00:00:00.000Z` : task.due.at;
    case "priority":
      return task.priority === undefined ? null : TASK_PRIORITIES.indexOf(task.priority);
    case "position":
      return task.position ?? null;
  }
}

const compareKeys = (a: Key, b: Key): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/** Negative when `a` comes before `b` in a list sorted by `sort` in `order`. */
export function compareInList(a: Sortable, b: Sortable, sort: TaskSort, order: SortOrder): number {
  const byKey = compareKeys(keyOf(a, sort), keyOf(b, sort));
  return (order === "asc" ? 1 : -1) * (byKey !== 0 ? byKey : compareKeys(a.id, b.id));
}

/**
 * Where `task` goes among `tasks` (in that order, without `task`): its index; or -1 when it sorts
 * after the last one loaded while more pages follow (`complete` false): it belongs to a page not
 * loaded yet, and shows when that page loads.
 */
export function placeIndex<T extends Sortable>(tasks: T[], task: T, sort: TaskSort, order: SortOrder, complete: boolean): number {
  const at = tasks.findIndex((other) => compareInList(task, other, sort, order) < 0);
  if (at >= 0) return at;
  return complete ? tasks.length : -1;
}
