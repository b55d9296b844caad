/**
 * A change made elsewhere (another tab or device, through live updates), applied to the page's
 * store without flicker and without applying anything twice:
 * - a task's newer state replaces an older one; the same or an older state (the echo of this tab's
 *   own write, which it has shown already) changes nothing: `updated_at` orders them;
 * - a task is created when `created_at` equals `updated_at` (one statement sets both): it is
 *   counted once, whether the echo or the API's answer arrives first (`seen`), and announced as
 *   made elsewhere only when its Idempotency-Key is not one of this tab's creates in flight;
 * - a deletion removes the task once; the echo of this tab's own delete finds nothing to do.
 * Counts the store cannot recompute (a task changed that this page never loaded) mark the
 * summary stale, and the store refetches it.
 */
import type { LiveChange } from "../../../worker-api/src/live/protocol.ts";
import type { Task } from "./api.ts";
import { applyBulkChange, type BulkChange } from "./bulk-change.ts";
import { placeIndex } from "./list-order.ts";
import { placeByPosition } from "./manual-order.ts";
import { matchesQuery, type TaskQuery } from "./task-query.ts";

type Counts = { total: number; pending: number; completed: number; by_priority?: Record<Task["priority"], number> };
type SummaryState = { counts: Counts | null };

/**
 * The parts of the store's state (task-store.ts) a remote change reads and writes, stated here so
 * that the two modules do not import each other.
 */
export type RemoteChangeState = {
  query: TaskQuery;
  list: { tasks: Task[]; nextCursor: string | null };
  summary: SummaryState | null;
  recentLimit: number | null;
  removed: Record<string, unknown>;
  seen: Record<string, true | "deleted">;
  creating: Record<string, true>;
  summaryStale: boolean;
  announcement: string;
};

export const isNewerThan = (task: Task, other: Task) => task.updated_at > other.updated_at;

const isCreation = (task: Task) => task.created_at === task.updated_at;

/** Where the list's sort puts `task` among the loaded tasks; -1 when on a page not loaded yet. */
const positionOf = (state: RemoteChangeState, task: Task): number =>
  placeIndex(state.list.tasks, task, state.query.sort, state.query.order, state.list.nextCursor === null);

function counted<S extends SummaryState>(summary: S | null, task: Task, sign: 1 | -1): S | null {
  if (!summary?.counts) return summary;
  const counts = { ...summary.counts, total: summary.counts.total + sign };
  if (task.completed) counts.completed += sign;
  else {
    counts.pending += sign;
    if (counts.by_priority)
      counts.by_priority = { ...counts.by_priority, [task.priority]: counts.by_priority[task.priority] + sign };
  }
  return { ...summary, counts };
}

function insert(state: RemoteChangeState, task: Task, at: number): Task[] {
  const tasks = [...state.list.tasks];
  tasks.splice(at, 0, task);
  return state.recentLimit === null ? tasks : tasks.slice(0, state.recentLimit);
}

/** `key`: the create's Idempotency-Key, when the change names one (this tab's own create, when it is in `creating`). */
function upsert<S extends RemoteChangeState>(state: S, task: Task, key: string | undefined): S {
  const shown = state.list.tasks.find((other) => other.id === task.id);
  if (shown) {
    if (!isNewerThan(task, shown)) return state;
    let summary = counted(state.summary, shown, -1);
    summary = counted(summary, task, 1);
    // Moved elsewhere: in a list in manual order it goes to its new place.
    const tasks =
      state.query.sort === "position" && task.position !== shown.position
        ? placeByPosition(state.list.tasks, task, state.query.order, state.list.nextCursor === null)
        : state.list.tasks.map((other) => (other.id === task.id ? task : other));
    return { ...state, list: { ...state.list, tasks }, summary };
  }
  if (state.seen[task.id] || state.removed[task.id]) return state;
  const seen = { ...state.seen, [task.id]: true as const };
  const at = matchesQuery(state.query, task) ? positionOf(state, task) : -1;
  const tasks = at >= 0 ? insert(state, task, at) : state.list.tasks;
  if (isCreation(task)) {
    // This tab's own create, echoed before its answer arrived: the answer announces it ("created").
    const elsewhere = at >= 0 && !(key && state.creating[key]);
    const announcement = elsewhere ? `“${task.title}” was added on another device or tab.` : state.announcement;
    return { ...state, seen, list: { ...state.list, tasks }, summary: counted(state.summary, task, 1), announcement };
  }
  // Changed elsewhere, never loaded here: its old state is unknown, so are the counts.
  return { ...state, list: { ...state.list, tasks }, summaryStale: state.summary !== null };
}

function remove<S extends RemoteChangeState>(state: S, ids: string[]): S {
  let next = state;
  for (const id of ids) {
    if (next.seen[id] === "deleted" || next.removed[id]) continue;
    const shown = next.list.tasks.find((task) => task.id === id);
    next = {
      ...next,
      seen: { ...next.seen, [id]: "deleted" },
      list: shown ? { ...next.list, tasks: next.list.tasks.filter((task) => task.id !== id) } : next.list,
      summary: shown ? counted(next.summary, shown, -1) : next.summary,
      summaryStale: next.summaryStale || (!shown && next.summary !== null),
    };
  }
  return next;
}

/** A bulk action: the shown tasks change; the counts are the API's to give again. */
function bulkChanged<S extends RemoteChangeState>(state: S, change: BulkChange): S {
  const tasks = applyBulkChange(state.list.tasks, change, new Date().toISOString());
  return { ...state, list: { ...state.list, tasks }, summaryStale: state.summaryStale || state.summary !== null };
}

/** Tasks written back by Undo: deleted here before, so they are let in again, where the list would have them. */
function restored<S extends RemoteChangeState>(state: S, tasks: Task[]): S {
  let next = state;
  for (const task of tasks) {
    const { [task.id]: _seen, ...seen } = next.seen;
    const { [task.id]: _removed, ...removed } = next.removed;
    next = { ...next, seen, removed };
    if (next.list.tasks.some((other) => other.id === task.id)) continue;
    const at = matchesQuery(next.query, task) ? positionOf(next, task) : -1;
    if (at >= 0) next = { ...next, list: { ...next.list, tasks: insert(next, task, at) } };
  }
  return { ...next, summaryStale: next.summaryStale || next.summary !== null };
}

export function applyRemoteChange<S extends RemoteChangeState>(state: S, change: LiveChange): S {
  switch (change.op) {
    case "upsert":
      return upsert(state, change.task as Task, change.idempotency_key);
    case "delete":
      return remove(state, change.ids);
    // Labels are the store's own (task-store.ts); a task that gains or loses one on its own arrives as an upsert.
    case "label_upsert":
    case "label_delete":
      return state;
    case "complete":
    case "reopen":
    case "add_label":
    case "remove_label":
      return bulkChanged(state, change);
    case "restore":
      return restored(state, change.tasks as Task[]);
  }
}
