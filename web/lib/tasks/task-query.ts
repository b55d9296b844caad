/**
 * What the tasks page shows: status, labels, priorities, due window, search and sort, kept in the
 * URL's search params under the API's own names (`?status=pending&label=…&due=today&q=milk&sort=due`).
 * The server reads them from `searchParams` and the first HTML shows that list; the browser reads
 * and writes the same params. Anything unknown or malformed in the URL is dropped, never sent on:
 * a hand-edited URL gives the nearest valid list, not an error.
 */
import { LABEL_FILTER_MAX, TASK_PRIORITIES, TASK_SEARCH_MAX } from "../../../drizzle/limits.ts";
import type { Label, ListOptions, Task, TaskStatus } from "./api.ts";
import type { Priority } from "./priority.ts";
import { parseStatus } from "./task-status.ts";

export const TASK_SORTS = ["created", "due", "priority", "position"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];
export type SortOrder = "asc" | "desc";
export const DUE_FILTERS = ["overdue", "today", "week", "none"] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

/** The API's default order per sort (newest, earliest due, most urgent, top of the manual order). */
export const DEFAULT_ORDER: Record<TaskSort, SortOrder> = { created: "desc", due: "asc", priority: "desc", position: "asc" };

export type TaskQuery = {
  status: TaskStatus;
  labels: string[];
  priorities: Priority[];
  due: DueFilter | null;
  q: string;
  sort: TaskSort;
  order: SortOrder;
};

export const DEFAULT_QUERY: TaskQuery = {
  status: "all",
  labels: [],
  priorities: [],
  due: null,
  q: "",
  sort: "created",
  order: "desc",
};

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function all(params: Params, name: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(name);
  const value = params[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const one = (params: Params, name: string): string | undefined => all(params, name)[0];

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  values.find((candidate) => candidate === value);

export function parseTaskQuery(params: Params): TaskQuery {
  const sort = oneOf(TASK_SORTS, one(params, "sort")) ?? "created";
  return {
    status: parseStatus(one(params, "status")),
    labels: [...new Set(all(params, "label").filter((id) => UUID.test(id)))].slice(0, LABEL_FILTER_MAX),
    priorities: TASK_PRIORITIES.filter((priority) => all(params, "priority").includes(priority)),
    due: oneOf(DUE_FILTERS, one(params, "due")) ?? null,
    q: (one(params, "q") ?? "").trim().slice(0, TASK_SEARCH_MAX),
    sort,
    order: oneOf(["asc", "desc"] as const, one(params, "order")) ?? DEFAULT_ORDER[sort],
  };
}

/** The query as search params, defaults left out (so the plain list's URL stays `/tasks`). */
export function taskQueryParams(query: TaskQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.status !== "all") params.set("status", query.status);
  for (const label of query.labels) params.append("label", label);
  for (const priority of query.priorities) params.append("priority", priority);
  if (query.due) params.set("due", query.due);
  if (query.q) params.set("q", query.q);
  if (query.sort !== "created") params.set("sort", query.sort);
  if (query.order !== DEFAULT_ORDER[query.sort]) params.set("order", query.order);
  return params;
}

/**
 * `query` without the label ids that are not among the person's `labels`: a link or bookmark made
 * before the label was deleted, or someone else's link. The API answers such a filter with 404
 * (it cannot tell a deleted label from another person's); the page drops it instead of failing.
 * The same query object when nothing was dropped.
 */
export function withKnownLabels(query: TaskQuery, labels: readonly Pick<Label, "id">[]): TaskQuery {
  const known = query.labels.filter((id) => labels.some((label) => label.id === id));
  return known.length === query.labels.length ? query : { ...query, labels: known };
}

/** One string per distinct query: whether two lists are the same list. */
export const queryKey = (query: TaskQuery) => taskQueryParams(query).toString();

export const isFiltered = (query: TaskQuery) =>
  query.labels.length > 0 || query.priorities.length > 0 || query.due !== null || query.q !== "";

/** The API's list options for `query`: only what differs from its defaults, `tz` only for a due filter. */
export function listOptions(query: TaskQuery, timeZone: string, limit: string): ListOptions {
  const options: ListOptions = { status: query.status, limit };
  if (query.labels.length > 0) options.label = query.labels;
  if (query.priorities.length > 0) options.priority = query.priorities;
  if (query.due) {
    options.due = query.due;
    options.tz = timeZone;
  }
  if (query.q) options.q = query.q;
  if (query.sort !== "created") options.sort = query.sort;
  if (query.order !== DEFAULT_ORDER[query.sort]) options.order = query.order;
  return options;
}

/**
 * Whether a task created or changed on this page belongs in the list shown: status, labels and
 * priority are checked here; a due window or a search only the API answers exactly, so under
 * those a new task waits for the next load.
 */
export function matchesQuery(query: TaskQuery, task: Task): boolean {
  const status = query.status === "all" || (query.status === "completed" ? task.completed : !task.completed);
  const labels = query.labels.every((label) => task.label_ids.includes(label));
  const priority = query.priorities.length === 0 || query.priorities.includes(task.priority);
  const due = query.due === null || (query.due === "none" && task.due === null);
  return status && labels && priority && due && query.q === "";
}
