/**
 * The first data of a tasks page, as the server renders it into the HTML and the browser's store
 * continues from it: what to ask the API for, and every failure turned into a message to show
 * (never a thrown error, so a down API gives the page's error state instead of a 500).
 */
import { DEFAULT_TIME_ZONE } from "../time/time-zone.ts";
import type { Label, TaskPage, TaskStatus, TaskSummary, TasksApi } from "./api.ts";
import { ApiError } from "./api.ts";
import { errorMessage } from "./error-message.ts";
import { DEFAULT_QUERY, listOptions, type TaskQuery, withKnownLabels } from "./task-query.ts";

export const TASK_PAGE_SIZE = 20;
/** The dashboard lists this many of the newest tasks. */
export const RECENT_COUNT = 5;

export type LoadResult<T> = { ok: true; data: T } | { ok: false; error: string; sessionEnded: boolean };

export type FirstLoad = {
  status: TaskStatus;
  /** The list's filters, search and sort, on the tasks page (the dashboard's list has none). */
  query?: TaskQuery;
  /** The first page of the list (the dashboard's: its recent tasks). */
  list: LoadResult<TaskPage>;
  /** The counts, on pages that show them. */
  summary: LoadResult<TaskSummary> | null;
  /** The person's labels, on pages that show them. */
  labels?: LoadResult<Label[]> | null;
  /** The page's live socket's first credential (web/lib/auth/server-api-token.ts); absent when none was minted. */
  liveTicket?: string;
  /**
   * When the server started reading this data (ms since the epoch, the server's clock), taken
   * before any of it was asked for: a change committed later may be missing from it, and the
   * page's live socket catches up on it (live-catch-up.ts). Absent on data not read by the server.
   */
  renderedAt?: number;
};

type Ticket = Promise<string | undefined>;
const NO_TICKET: Ticket = Promise.resolve(undefined);
const withTicket = (load: FirstLoad, liveTicket: string | undefined): FirstLoad => (liveTicket ? { ...load, liveTicket } : load);

export async function settle<T>(work: Promise<T>): Promise<LoadResult<T>> {
  try {
    return { ok: true, data: await work };
  } catch (error) {
    return { ok: false, error: errorMessage(error), sessionEnded: error instanceof ApiError && error.status === 401 };
  }
}

/**
 * `/tasks`: the first page under `query` (a status alone, or the URL's whole query), with due
 * windows in `timeZone`. `api` may still be on its way (or fail to come); the ticket is minted
 * meanwhile and never fails (it resolves to undefined instead).
 */
export async function loadTasksPage(
  api: Promise<TasksApi>,
  query: TaskStatus | TaskQuery,
  liveTicket = NO_TICKET,
  timeZone = DEFAULT_TIME_ZONE,
): Promise<FirstLoad> {
  // Before any read: every one starts below (`api` resolves to a client that has asked nothing yet).
  const renderedAt = Date.now();
  const full = typeof query === "string" ? { ...DEFAULT_QUERY, status: query } : query;
  const listFor = (shown: TaskQuery) =>
    settle(api.then((tasks) => tasks.list(listOptions(shown, timeZone, String(TASK_PAGE_SIZE)))));
  // The labels in parallel with the list: the page still waits for one round trip.
  const [listed, labels, ticket] = await Promise.all([
    listFor(full),
    settle(api.then((tasks) => tasks.listLabels())),
    liveTicket,
  ]);
  // A label in the URL that the person no longer has: the API refused that list; the page shows
  // the list without it (a second round trip, only for such a link).
  const shown = labels.ok ? withKnownLabels(full, labels.data) : full;
  const list = shown === full ? listed : await listFor(shown);
  return withTicket({ status: full.status, query: shown, list, summary: null, labels, renderedAt }, ticket);
}

/** `/dashboard`: the counts (due windows in `timeZone`) and the newest tasks, asked for at the same time. */
export async function loadDashboard(
  api: Promise<TasksApi>,
  liveTicket = NO_TICKET,
  timeZone = DEFAULT_TIME_ZONE,
): Promise<FirstLoad> {
  // Before any read, as on the tasks page.
  const renderedAt = Date.now();
  const [list, summary, ticket] = await Promise.all([
    settle(api.then((tasks) => tasks.list({ limit: String(RECENT_COUNT) }))),
    settle(api.then((tasks) => tasks.summary(timeZone))),
    liveTicket,
  ]);
  return withTicket({ status: "all", list, summary, renderedAt }, ticket);
}
