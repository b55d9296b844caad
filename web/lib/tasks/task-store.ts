/**
 * The state of a page's tasks (list and counts) and every way it changes, as one pure reducer:
 * `use-tasks.tsx` dispatches these actions around its API calls. Toggle and delete change the
 * screen before the API answers (`…Started`) and are undone with a message on the task if it
 * refuses (`…Failed`). Changes made elsewhere arrive as `remoteChanged` (remote-change.ts).
 */
import type { LiveChange } from "../../../worker-api/src/live/protocol.ts";
import type { Label, Task, TaskPage, TaskStatus, TaskSummary } from "./api.ts";
import { type Placed, placeRestored } from "./bulk-change.ts";
import type { FirstLoad } from "./first-load.ts";
import { placeIndex } from "./list-order.ts";
import { placeByPosition } from "./manual-order.ts";
import { applyRemoteChange, isNewerThan } from "./remote-change.ts";
import { DEFAULT_QUERY, matchesQuery, queryKey, type TaskQuery } from "./task-query.ts";
import type { UndoOffer } from "./undo.ts";

export type ListState = {
  phase: "loading" | "ready" | "error";
  tasks: Task[];
  nextCursor: string | null;
  error: string | null;
  loadingMore: boolean;
  loadMoreError: string | null;
};

export type SummaryState = { counts: TaskSummary | null; error: string | null; loading: boolean };

/** Why a task's last change was undone, and which of its controls takes the focus. */
export type TaskNotice = { message: string; focus: "checkbox" | "delete" };

export type TasksState = {
  /** The list's filters, search and sort (task-query.ts); `status` is `query.status`. */
  query: TaskQuery;
  status: TaskStatus;
  list: ListState;
  /** The counts, on pages that show them (the dashboard); null elsewhere. */
  summary: SummaryState | null;
  /** A list of only the newest N tasks (the dashboard's), or null for a paginated one. */
  recentLimit: number | null;
  /** Tasks with a toggle or delete in flight. */
  busy: Record<string, true>;
  notices: Record<string, TaskNotice>;
  /** Tasks removed on screen while their delete is in flight, with where they stood. */
  removed: Record<string, { task: Task; index: number }>;
  announcement: string;
  /** The server's first data, once taken over (the store continues from it: no refetch). */
  adopted: FirstLoad | null;
  /** The latest list request, so that the answer to an older one (another filter) is dropped. */
  generation: number;
  /** Tasks created or deleted since the page loaded, so that a change is counted once (remote-change.ts). */
  seen: Record<string, true | "deleted">;
  /** The Idempotency-Keys of this tab's creates in flight: a live echo naming one is this tab's own. */
  creating: Record<string, true>;
  /** The counts missed a change made elsewhere: the store refetches them. */
  summaryStale: boolean;
  /** The person's labels, by name, on pages that show them (null elsewhere, or when they failed to load). */
  labels: Label[] | null;
  /** The last completion or deletion, while the page offers to undo it (undo.ts). */
  undo: UndoOffer | null;
};

export type TasksAction =
  | { type: "adopted"; first: FirstLoad }
  | { type: "statusChanged"; status: TaskStatus }
  | { type: "queryChanged"; query: TaskQuery }
  | { type: "listRequested"; generation: number }
  | { type: "listLoaded"; generation: number; page: TaskPage }
  | { type: "listFailed"; generation: number; error: string }
  | { type: "moreRequested" }
  | { type: "moreLoaded"; generation: number; page: TaskPage }
  | { type: "moreFailed"; generation: number; error: string }
  | { type: "summaryRequested" }
  | { type: "summaryLoaded"; counts: TaskSummary }
  | { type: "summaryFailed"; error: string }
  | { type: "createStarted"; key: string }
  | { type: "created"; task: Task; key?: string }
  | { type: "createFailed"; key: string }
  | { type: "updated"; task: Task }
  | { type: "toggleStarted"; task: Task }
  | { type: "toggleSettled"; task: Task }
  | { type: "toggleFailed"; task: Task; message: string }
  | { type: "removeStarted"; task: Task }
  | { type: "removeSettled"; id: string }
  | { type: "removeFailed"; id: string; message: string }
  | { type: "remoteChanged"; change: LiveChange }
  | { type: "placed"; task: Task; notice?: string }
  | { type: "labelSaved"; label: Label }
  | { type: "labelRemoved"; id: string }
  | { type: "undoOffered"; offer: UndoOffer }
  | { type: "undoDismissed"; offer: UndoOffer }
  /** Deleted tasks written back (Undo), with where they stood. */
  | { type: "restored"; placed: Placed[]; announcement: string };

const LOADING_LIST: ListState = {
  phase: "loading",
  tasks: [],
  nextCursor: null,
  error: null,
  loadingMore: false,
  loadMoreError: null,
};

export function initialTasksState(options: {
  status: TaskStatus;
  query?: TaskQuery;
  withSummary?: boolean;
  recentLimit?: number | null;
}): TasksState {
  const query = options.query ?? { ...DEFAULT_QUERY, status: options.status };
  return {
    query,
    status: query.status,
    list: LOADING_LIST,
    summary: options.withSummary ? { counts: null, error: null, loading: true } : null,
    recentLimit: options.recentLimit ?? null,
    busy: {},
    notices: {},
    removed: {},
    announcement: "",
    adopted: null,
    generation: 0,
    seen: {},
    creating: {},
    summaryStale: false,
    labels: null,
    undo: null,
  };
}

const withoutKey = (keys: Record<string, true>, key: string) => {
  const { [key]: _done, ...rest } = keys;
  return rest;
};

/** What this tab says of a task it created: where it went, or why it is not shown. */
function createdAnnouncement(state: TasksState, task: Task, shown: boolean, matches: boolean): string {
  if (shown) return `Added “${task.title}”.`;
  if (matches) return `Added “${task.title}”. In this order it comes after the tasks shown: Load more to see it.`;
  return state.status === "completed"
    ? `Added “${task.title}”. It is pending, so it is not shown under Completed.`
    : `Added “${task.title}”. It does not match the filters, so it is not shown.`;
}

const byName = (labels: Label[]) => [...labels].sort((a, b) => a.name.localeCompare(b.name));

/** `label` created or changed: in its place, the list kept in name order. */
function saveLabel(state: TasksState, label: Label): TasksState {
  if (!state.labels) return state;
  return { ...state, labels: byName([...state.labels.filter((other) => other.id !== label.id), label]) };
}

/** A deleted label leaves the list and every task that carried it (as the API does). */
function removeLabel(state: TasksState, id: string): TasksState {
  if (!state.labels) return state;
  const tasks = state.list.tasks.map((task) =>
    task.label_ids.includes(id) ? { ...task, label_ids: task.label_ids.filter((other) => other !== id) } : task,
  );
  return { ...state, labels: state.labels.filter((label) => label.id !== id), list: { ...state.list, tasks } };
}

const without = <T>(record: Record<string, T>, id: string): Record<string, T> => {
  const { [id]: _, ...rest } = record;
  return rest;
};

/** The counts after `before` became `after` (either may be absent: created, removed). */
function recount(summary: SummaryState | null, before: Task | undefined, after: Task | undefined): SummaryState | null {
  if (!summary?.counts) return summary;
  // `by_priority` copied when there (an API of the previous release, mid-deploy, answers without it).
  const counts = { ...summary.counts, by_priority: { ...summary.counts.by_priority } };
  for (const [task, sign] of [
    [before, -1],
    [after, 1],
  ] as const) {
    if (!task) continue;
    counts.total += sign;
    if (task.completed) counts.completed += sign;
    else {
      counts.pending += sign;
      if (summary.counts.by_priority) counts.by_priority[task.priority] += sign;
    }
  }
  // The due windows (overdue, today, this week) are the API's to count: use-tasks refetches them.
  return { ...summary, counts };
}

/** Puts `task` in place of the task with its id, unless a newer state of it arrived meanwhile; the counts follow. */
function replaceTask(state: TasksState, task: Task): TasksState {
  const before = state.list.tasks.find((other) => other.id === task.id);
  if (!before || isNewerThan(before, task)) return state;
  return {
    ...state,
    list: { ...state.list, tasks: state.list.tasks.map((other) => (other.id === task.id ? task : other)) },
    summary: recount(state.summary, before, task),
  };
}

const firstQuery = (first: FirstLoad): TaskQuery => first.query ?? { ...DEFAULT_QUERY, status: first.status };

function fromFirstLoad(state: TasksState, first: FirstLoad): TasksState {
  const summary: SummaryState | null = first.summary
    ? first.summary.ok
      ? { counts: first.summary.data, error: null, loading: false }
      : { counts: null, error: first.summary.error, loading: false }
    : state.summary;
  // The person switched filter before this page arrived: their list is on its way instead.
  const firstLabels = first.labels?.ok ? byName(first.labels.data) : state.labels;
  if (state.adopted === null && queryKey(firstQuery(first)) !== queryKey(state.query))
    return { ...state, adopted: first, summary, labels: firstLabels };
  // Tasks added before the first page arrived stay on top of it.
  const addedMeanwhile = state.adopted === null ? state.list.tasks : [];
  const list: ListState = first.list.ok
    ? {
        ...LOADING_LIST,
        phase: "ready",
        tasks: [
          ...addedMeanwhile,
          ...first.list.data.tasks.filter((task) => !addedMeanwhile.some((added) => added.id === task.id)),
        ],
        nextCursor: first.list.data.next_cursor,
      }
    : { ...LOADING_LIST, phase: "error", tasks: addedMeanwhile, error: first.list.error };
  const labels = first.labels?.ok ? byName(first.labels.data) : state.labels;
  return { ...state, query: firstQuery(first), status: first.status, list, summary, adopted: first, labels };
}

export function tasksReducer(state: TasksState, action: TasksAction): TasksState {
  switch (action.type) {
    case "adopted":
      return state.adopted === action.first ? state : fromFirstLoad(state, action.first);
    case "statusChanged":
      return { ...state, status: action.status, query: { ...state.query, status: action.status } };
    case "queryChanged":
      return { ...state, status: action.query.status, query: action.query };
    case "listRequested":
      return {
        ...state,
        generation: action.generation,
        list: { ...state.list, phase: "loading", error: null, loadingMore: false, loadMoreError: null },
      };
    case "listLoaded":
      if (action.generation !== state.generation) return state;
      return {
        ...state,
        list: { ...LOADING_LIST, phase: "ready", tasks: action.page.tasks, nextCursor: action.page.next_cursor },
      };
    case "listFailed":
      if (action.generation !== state.generation) return state;
      return { ...state, list: { ...state.list, phase: "error", error: action.error } };
    case "moreRequested":
      return { ...state, list: { ...state.list, loadingMore: true, loadMoreError: null } };
    case "moreLoaded": {
      if (action.generation !== state.generation) return state;
      const seen = new Set(state.list.tasks.map((task) => task.id));
      const tasks = [...state.list.tasks, ...action.page.tasks.filter((task) => !seen.has(task.id))];
      return { ...state, list: { ...state.list, tasks, nextCursor: action.page.next_cursor, loadingMore: false } };
    }
    case "moreFailed":
      if (action.generation !== state.generation) return state;
      return { ...state, list: { ...state.list, loadingMore: false, loadMoreError: action.error } };
    case "summaryRequested":
      return state.summary ? { ...state, summary: { ...state.summary, error: null, loading: true } } : state;
    case "summaryLoaded":
      return state.summary
        ? { ...state, summary: { counts: action.counts, error: null, loading: false }, summaryStale: false }
        : state;
    case "summaryFailed":
      return state.summary ? { ...state, summary: { ...state.summary, error: action.error, loading: false } } : state;
    case "createStarted":
      return { ...state, creating: { ...state.creating, [action.key]: true } };
    case "createFailed":
      return { ...state, creating: withoutKey(state.creating, action.key) };
    case "created": {
      const { task } = action;
      const seen = { ...state.seen, [task.id]: true as const };
      const creating = action.key ? withoutKey(state.creating, action.key) : state.creating;
      const matches = matchesQuery(state.query, task);
      // Its live echo came first and showed it already (without a word: this tab says it now).
      if (state.seen[task.id]) {
        const shown = state.list.tasks.some((other) => other.id === task.id);
        return { ...replaceTask(state, task), seen, creating, announcement: createdAnnouncement(state, task, shown, matches) };
      }
      const others = state.list.tasks.filter((other) => other.id !== task.id);
      // Where the list's sort puts it, as the next load would: not always on top.
      const { sort, order } = state.query;
      const at = matches ? placeIndex(others, task, sort, order, state.list.nextCursor === null) : -1;
      const tasks = at < 0 ? state.list.tasks : [...others.slice(0, at), task, ...others.slice(at)];
      return {
        ...state,
        list: { ...state.list, tasks: state.recentLimit === null ? tasks : tasks.slice(0, state.recentLimit) },
        summary: recount(state.summary, undefined, task),
        seen,
        creating,
        announcement: createdAnnouncement(state, task, at >= 0, matches),
      };
    }
    case "updated":
      // Updated in place: it stays visible until the next load, even if it no longer matches the filter.
      return replaceTask(state, action.task);
    case "toggleStarted":
      return {
        ...replaceTask(state, { ...action.task, completed: !action.task.completed }),
        busy: { ...state.busy, [action.task.id]: true },
        notices: without(state.notices, action.task.id),
      };
    case "toggleSettled":
      return { ...replaceTask(state, action.task), busy: without(state.busy, action.task.id) };
    case "toggleFailed":
      return {
        ...replaceTask(state, action.task),
        busy: without(state.busy, action.task.id),
        notices: { ...state.notices, [action.task.id]: { message: action.message, focus: "checkbox" } },
        announcement: action.message,
      };
    case "removeStarted": {
      const index = state.list.tasks.findIndex((task) => task.id === action.task.id);
      if (index < 0) return state;
      return {
        ...state,
        list: { ...state.list, tasks: state.list.tasks.filter((task) => task.id !== action.task.id) },
        summary: recount(state.summary, action.task, undefined),
        busy: { ...state.busy, [action.task.id]: true },
        notices: without(state.notices, action.task.id),
        removed: { ...state.removed, [action.task.id]: { task: action.task, index } },
        announcement: `Deleted “${action.task.title}”.`,
      };
    }
    case "removeSettled":
      return {
        ...state,
        busy: without(state.busy, action.id),
        removed: without(state.removed, action.id),
        seen: { ...state.seen, [action.id]: "deleted" },
      };
    case "removeFailed": {
      const removed = state.removed[action.id];
      if (!removed) return state;
      const tasks = [...state.list.tasks];
      tasks.splice(Math.min(removed.index, tasks.length), 0, removed.task);
      return {
        ...state,
        list: { ...state.list, tasks },
        summary: recount(state.summary, undefined, removed.task),
        busy: without(state.busy, action.id),
        removed: without(state.removed, action.id),
        notices: { ...state.notices, [action.id]: { message: action.message, focus: "delete" } },
        announcement: action.message,
      };
    }
    case "remoteChanged":
      if (action.change.op === "label_upsert") return saveLabel(state, action.change.label as Label);
      if (action.change.op === "label_delete") return action.change.ids.reduce(removeLabel, state);
      return applyRemoteChange(state, action.change);
    case "placed": {
      // A move on screen (before the API answers), or its undoing with a message: the task at its key's place.
      const { task, notice } = action;
      if (!state.list.tasks.some((other) => other.id === task.id)) return state;
      const complete = state.list.nextCursor === null;
      return {
        ...state,
        list: { ...state.list, tasks: placeByPosition(state.list.tasks, task, state.query.order, complete) },
        ...(notice
          ? { notices: { ...state.notices, [task.id]: { message: notice, focus: "checkbox" } }, announcement: notice }
          : { notices: without(state.notices, task.id) }),
      };
    }
    case "labelSaved":
      return saveLabel(state, action.label);
    case "labelRemoved":
      return removeLabel(state, action.id);
    case "undoOffered":
      // The notice (a live region of its own) says it: the same words are not announced twice.
      return {
        ...state,
        undo: action.offer,
        announcement: state.announcement === action.offer.message ? "" : state.announcement,
      };
    case "undoDismissed":
      // Only the offer the notice showed: a newer one that replaced it stays.
      return state.undo === action.offer ? { ...state, undo: null } : state;
    case "restored": {
      const ids = new Set(action.placed.map(({ task }) => task.id));
      const seen = Object.fromEntries(Object.entries(state.seen).filter(([id]) => !ids.has(id)));
      const shown = new Set(state.list.tasks.map((task) => task.id));
      const summary = action.placed
        .filter(({ task }) => !shown.has(task.id))
        .reduce((counts, { task }) => recount(counts, undefined, task), state.summary);
      return {
        ...state,
        list: { ...state.list, tasks: placeRestored(state.list.tasks, action.placed) },
        summary,
        seen,
        announcement: action.announcement,
      };
    }
  }
}
