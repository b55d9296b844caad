/**
 * Typed client for the tasks API worker: Hono's `hc<AppType>`, so that every request and response
 * shape comes from the API's own route definitions (a type-only import: no API code enters the
 * browser). Sends the Bearer JWT from a `TokenCache`; on a 401 it refreshes the token once and
 * retries; any failure becomes an `ApiError` carrying the status and the server's message. A 401
 * that survives the retry means the session itself has ended (signed out, revoked elsewhere,
 * expired): `onSessionEnded` then takes the user to sign-in.
 *
 * A create is retry-safe: it carries an `Idempotency-Key`, and a failure that may have happened
 * after the API wrote (no answer, a 503, the key still held by an earlier attempt) is retried with
 * the same key, so the API writes it once and answers the first result. A create that still fails
 * keeps its key: the person's next try of the same input is the same request.
 */
import { type ClientResponse, hc, type InferRequestType, type InferResponseType } from "hono/client";
import type { AppType, ErrorBody } from "../../../worker-api/src/app-type.ts";
import type { TokenCache } from "./token-cache.ts";

type TaskRoutes = ReturnType<typeof hc<AppType>>["api"][":userId"]["tasks"];
type OneTask = TaskRoutes[":id"];
type LabelRoutes = ReturnType<typeof hc<AppType>>["api"][":userId"]["labels"];

export type Task = InferResponseType<OneTask["$get"], 200>;
export type TaskPage = InferResponseType<TaskRoutes["$get"], 200>;
export type TaskSummary = InferResponseType<TaskRoutes["summary"]["$get"], 200>;
export type TaskInput = InferRequestType<TaskRoutes["$post"]>["json"];
export type TaskPatch = InferRequestType<OneTask["$put"]>["json"];
export type BulkRequest = InferRequestType<TaskRoutes["bulk"]["$post"]>["json"];
export type BulkAction = BulkRequest["action"];
export type ListOptions = InferRequestType<TaskRoutes["$get"]>["query"];
export type TaskStatus = NonNullable<ListOptions["status"]>;
export type Label = InferResponseType<LabelRoutes[":labelId"]["$patch"], 200>;
export type LabelInput = InferRequestType<LabelRoutes["$post"]>["json"];
export type LabelPatch = InferRequestType<LabelRoutes[":labelId"]["$patch"]>["json"];
export type LabelColor = Label["color"];
export type ExportFormat = NonNullable<InferRequestType<TaskRoutes["export"]["$get"]>["query"]["format"]>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(message: string, status: number, code: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export type TasksApiOptions = {
  /** The API worker's origin, e.g. http://localhost:8787. */
  baseUrl: string;
  userId: string;
  tokens: TokenCache;
  fetch?: typeof fetch;
  /** Called once a request fails with 401 even with a fresh token. */
  onSessionEnded?: () => void;
  /** Waits before each retry of a create (tests pass zeros). */
  createRetryDelaysMs?: readonly number[];
};

/** About 4 s in all: long enough for a dropped connection to come back, short for a person waiting. */
const CREATE_RETRY_DELAYS_MS = [250, 1000, 3000];

/** A failure after which the create may or may not have been written: retry it with its key. */
const mayHaveBeenWritten = (error: unknown) =>
  error instanceof ApiError && (error.status === 0 || error.status >= 502 || error.code === "idempotency_key_in_progress");

async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
  return new ApiError(
    body?.message ?? `The tasks API answered HTTP ${response.status}.`,
    response.status,
    body?.code ?? "http_error",
    body?.details,
  );
}

/** `fetch` with the Bearer token; after a 401, one fresh token and one retry. */
function authorizedFetch(tokens: TokenCache, fetchImpl: typeof fetch): typeof fetch {
  async function send(input: RequestInfo | URL, init: RequestInit | undefined, token: string): Promise<Response> {
    const headers = new Headers(init?.headers);
    headers.set("Authorization", `Bearer ${token}`);
    try {
      return await fetchImpl(input, { ...init, headers });
    } catch (error) {
      throw new ApiError("Cannot reach the tasks API. Check your connection and try again.", 0, "network_error", error);
    }
  }
  return async (input, init) => {
    const response = await send(input, init, await tokens.get());
    if (response.status !== 401) return response;
    // The token may have expired, or its key rotated: one fresh token, one retry.
    tokens.invalidate();
    return send(input, init, await tokens.get());
  };
}

export function createTasksApi({
  baseUrl,
  userId,
  tokens,
  fetch: fetchImpl = globalThis.fetch,
  onSessionEnded,
  createRetryDelaysMs = CREATE_RETRY_DELAYS_MS,
}: TasksApiOptions) {
  const client = hc<AppType>(baseUrl.replace(/\/$/, ""), { fetch: authorizedFetch(tokens, fetchImpl) }).api[":userId"];
  const { tasks, labels } = client;
  const param = { userId };

  /** The success body of a call, or its failure as an `ApiError`. */
  async function answer<T>(call: Promise<ClientResponse<unknown>>, read: (response: Response) => Promise<T>): Promise<T> {
    try {
      const response = (await call) as unknown as Response;
      if (!response.ok) throw await toApiError(response);
      return await read(response);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onSessionEnded?.();
      throw error;
    }
  }
  const json =
    <T>() =>
    (response: Response) =>
      response.json() as Promise<T>;
  const one = (id: string) => ({ param: { userId, id } });

  /** The key of each create that has not succeeded yet, by its input. */
  const pendingKeys = new Map<string, string>();
  const pendingOf = (input: TaskInput) => JSON.stringify([input.title.trim(), input.description?.trim() || null]);
  /** The Idempotency-Key the create of `input` sends: a new one, or the one of its unfinished earlier try. */
  function createKey(input: TaskInput): string {
    const pending = pendingOf(input);
    const key = pendingKeys.get(pending) ?? crypto.randomUUID();
    pendingKeys.set(pending, key);
    return key;
  }
  async function create(input: TaskInput): Promise<Task> {
    const pending = pendingOf(input);
    const key = createKey(input);
    for (let attempt = 0; ; attempt++) {
      try {
        const task = await answer(tasks.$post({ param, json: input, header: { "idempotency-key": key } }), json<Task>());
        pendingKeys.delete(pending);
        return task;
      } catch (error) {
        const delay = createRetryDelaysMs[attempt];
        if (!mayHaveBeenWritten(error)) pendingKeys.delete(pending);
        if (!mayHaveBeenWritten(error) || delay === undefined) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  return {
    list: (query: ListOptions = {}) => answer(tasks.$get({ param, query }), json<TaskPage>()),
    /** The counts; overdue, today and this week in `tz` (default UTC). */
    summary: (tz?: string) => answer(tasks.summary.$get({ param, query: tz ? { tz } : {} }), json<TaskSummary>()),
    createKey,
    create,
    update: (id: string, patch: TaskPatch) => answer(tasks[":id"].$put({ ...one(id), json: patch }), json<Task>()),
    /** Moves the task in the manual order to `position` (manual-order.ts computes it). */
    move: (id: string, position: string) =>
      answer(tasks[":id"].position.$patch({ ...one(id), json: { position } }), json<Task>()),
    remove: (id: string) => answer<void>(tasks[":id"].$delete(one(id)), async () => {}),
    /** One action on many tasks (at most BULK_IDS_MAX), all or nothing. */
    bulk: (request: BulkRequest) => answer<void>(tasks.bulk.$post({ param, json: request }), async () => {}),
    /** Writes back tasks deleted within the undo window, exactly as they were; answers them. */
    restore: (ids: string[]) =>
      answer(tasks.restore.$post({ param, json: { ids } }), json<{ tasks: Task[] }>()).then((body) => body.tasks),
    attachLabel: (id: string, labelId: string) =>
      answer(tasks[":id"].labels[":labelId"].$put({ param: { userId, id, labelId } }), json<Task>()),
    detachLabel: (id: string, labelId: string) =>
      answer(tasks[":id"].labels[":labelId"].$delete({ param: { userId, id, labelId } }), json<Task>()),
    listLabels: () => answer(labels.$get({ param }), json<{ labels: Label[] }>()).then((body) => body.labels),
    createLabel: (input: LabelInput) => answer(labels.$post({ param, json: input }), json<Label>()),
    updateLabel: (labelId: string, patch: LabelPatch) =>
      answer(labels[":labelId"].$patch({ param: { userId, labelId }, json: patch }), json<Label>()),
    removeLabel: (labelId: string) => answer<void>(labels[":labelId"].$delete({ param: { userId, labelId } }), async () => {}),
    /** Every task as a file, the API's response passed on unread: its body streams, its headers name the file. */
    exportFile: (format: ExportFormat) => answer(tasks.export.$get({ param, query: { format } }), async (response) => response),
  };
}

export type TasksApi = ReturnType<typeof createTasksApi>;
