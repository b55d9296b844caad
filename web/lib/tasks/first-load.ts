/**
 * The first data of a tasks page, as the server renders it into the HTML and the browser's store
 * continues from it: what to ask the API for, and every failure turned into a message to show
 * (never a thrown error, so a down API gives the page's error state instead of a 500).
 */
import type { TaskPage, TaskStatus, TaskSummary, TasksApi } from "./api.ts";
import { ApiError } from "./api.ts";
import { errorMessage } from "./error-message.ts";

export const TASK_PAGE_SIZE = 20;
/** The dashboard lists this many of the newest tasks. */
export const RECENT_COUNT = 5;

export type LoadResult<T> = { ok: true; data: T } | { ok: false; error: string; sessionEnded: boolean };

export type FirstLoad = {
  status: TaskStatus;
  /** The first page of the list (the dashboard's: its recent tasks). */
  list: LoadResult<TaskPage>;
  /** The counts, on pages that show them. */
  summary: LoadResult<TaskSummary> | null;
};

export async function settle<T>(work: Promise<T>): Promise<LoadResult<T>> {
  try {
    return { ok: true, data: await work };
  } catch (error) {
    return { ok: false, error: errorMessage(error), sessionEnded: error instanceof ApiError && error.status === 401 };
  }
}

/** `/tasks`: the first page under `status`. `api` may still be on its way (or fail to come). */
export async function loadTasksPage(api: Promise<TasksApi>, status: TaskStatus): Promise<FirstLoad> {
  const list = await settle(api.then((tasks) => tasks.list({ status, limit: String(TASK_PAGE_SIZE) })));
  return { status, list, summary: null };
}

/** `/dashboard`: the counts and the newest tasks, asked for at the same time. */
export async function loadDashboard(api: Promise<TasksApi>): Promise<FirstLoad> {
  const [list, summary] = await Promise.all([
    settle(api.then((tasks) => tasks.list({ limit: String(RECENT_COUNT) }))),
    settle(api.then((tasks) => tasks.summary())),
  ]);
  return { status: "all", list, summary };
}
