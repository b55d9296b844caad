/**
 * Typed client for the tasks API worker. Sends the Bearer JWT from a `TokenCache`; on a 401 it
 * refreshes the token once and retries; any failure becomes an `ApiError` carrying the status
 * and the server's message. A 401 that survives the retry means the session itself has ended
 * (signed out, revoked elsewhere, expired): `onSessionEnded` then takes the user to sign-in.
 */
import type { TaskJson } from "../../worker-api/src/lib/task-json.ts";
import type { TokenCache } from "./token-cache.ts";

export type Task = TaskJson;
export type TaskStatus = "all" | "pending" | "completed";
export type TaskPage = { tasks: Task[]; next_cursor: string | null };
export type TaskSummary = { total: number; pending: number; completed: number };
export type TaskInput = { title: string; description?: string | null };
export type TaskPatch = { title?: string; description?: string | null; completed?: boolean };
export type ListOptions = { status?: TaskStatus; order?: "asc" | "desc"; limit?: number; cursor?: string };

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
};

async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { code?: string; message?: string; details?: unknown } | null;
  return new ApiError(
    body?.message ?? `The tasks API answered HTTP ${response.status}.`,
    response.status,
    body?.code ?? "http_error",
    body?.details,
  );
}

export function createTasksApi({
  baseUrl,
  userId,
  tokens,
  fetch: fetchImpl = globalThis.fetch,
  onSessionEnded,
}: TasksApiOptions) {
  const root = `${baseUrl.replace(/\/$/, "")}/api/${encodeURIComponent(userId)}/tasks`;

  async function send(path: string, init: RequestInit, token: string): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${token}`);
    if (init.body !== undefined) headers.set("Content-Type", "application/json");
    try {
      return await fetchImpl(`${root}${path}`, { ...init, headers });
    } catch (error) {
      throw new ApiError("Cannot reach the tasks API. Check your connection and try again.", 0, "network_error", error);
    }
  }

  async function attempt<T>(path: string, init: RequestInit): Promise<T> {
    let response = await send(path, init, await tokens.get());
    if (response.status === 401) {
      // The token may have expired, or its key rotated: one fresh token, one retry.
      tokens.invalidate();
      response = await send(path, init, await tokens.get());
    }
    if (!response.ok) throw await toApiError(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
    try {
      return await attempt<T>(path, init);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onSessionEnded?.();
      throw error;
    }
  }

  const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

  return {
    list(options: ListOptions = {}) {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(options)) if (value !== undefined) query.set(key, String(value));
      const suffix = query.size > 0 ? `?${query}` : "";
      return request<TaskPage>(suffix);
    },
    summary: () => request<TaskSummary>("/summary"),
    get: (id: string) => request<Task>(`/${encodeURIComponent(id)}`),
    create: (input: TaskInput) => request<Task>("", json("POST", input)),
    update: (id: string, patch: TaskPatch) => request<Task>(`/${encodeURIComponent(id)}`, json("PUT", patch)),
    toggle: (id: string) => request<Task>(`/${encodeURIComponent(id)}/complete`, { method: "PATCH" }),
    remove: (id: string) => request<void>(`/${encodeURIComponent(id)}`, { method: "DELETE" }),
  };
}

export type TasksApi = ReturnType<typeof createTasksApi>;
