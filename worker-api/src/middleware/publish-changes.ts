/**
 * @module publish-changes
 * After a route's write has committed and answered, publishes what it changed to the person's
 * open tabs and devices (live/publish.ts). It reads the change from the response, so a new write
 * route is published by answering as the others do: the task (or label) it wrote, as JSON with an
 * `id`, or 204 for a delete of `:id` (`:labelId`). Reads publish nothing, nor do refusals and
 * failures: their body is the error shape `{code, message}`, which names nothing. A create's
 * `Idempotency-Key` rides along, so that the tab that sent it recognises the echo as its own.
 *
 * Nothing here delays the response: the answer is copied (its body teed) and read in `waitUntil`.
 */
import type { MiddlewareHandler } from "hono";
import type { LiveChange, LiveLabel, LiveTask } from "../live/protocol.ts";
import { publishAfterResponse } from "../live/publish.ts";
import type { AppEnv } from "../types.ts";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** What a route's answer (a copy of it, the function's to read) changed; null when it changed nothing. */
type ChangeOf = (method: string, response: Response, pathId: string | undefined) => Promise<LiveChange | null>;

async function writtenJson<T extends { id?: unknown }>(response: Response): Promise<T | null> {
  if (!response.ok || !response.headers.get("Content-Type")?.startsWith("application/json")) return null;
  const body = (await response.json()) as T;
  return typeof body.id === "string" ? body : null;
}

const deletedId = (method: string, response: Response, pathId: string | undefined) =>
  method === "DELETE" && response.status === 204 && pathId ? pathId : null;

/** The bulk route's answer: `{action, ids, label_id?}`. */
type BulkAnswer = { action?: unknown; ids?: unknown; label_id?: unknown };

function bulkChange(answer: BulkAnswer): LiveChange | null {
  const ids = Array.isArray(answer.ids) ? answer.ids.filter((id): id is string => typeof id === "string") : [];
  if (ids.length === 0) return null;
  switch (answer.action) {
    case "delete":
      return { op: "delete", ids };
    case "complete":
    case "reopen":
      return { op: answer.action, ids };
    case "add_label":
    case "remove_label":
      return typeof answer.label_id === "string" ? { op: answer.action, ids, label_id: answer.label_id } : null;
    default:
      return null;
  }
}

/** Task routes: the task written (a label attached or detached too), the task deleted, a bulk action, or a restore. */
export const taskChange: ChangeOf = async (method, response, taskId) => {
  const deleted = deletedId(method, response, taskId);
  if (deleted) return { op: "delete", ids: [deleted] };
  if (!response.ok || !response.headers.get("Content-Type")?.startsWith("application/json")) return null;
  const body = (await response.json()) as Partial<LiveTask> & BulkAnswer & { tasks?: unknown };
  if (typeof body.id === "string") return { op: "upsert", task: body as LiveTask };
  // The restore's answer `{tasks}` (the only write that answers a list).
  if (Array.isArray(body.tasks)) return body.tasks.length > 0 ? { op: "restore", tasks: body.tasks as LiveTask[] } : null;
  return bulkChange(body);
};

/** Label routes: the label written, or the label deleted. */
export const labelChange: ChangeOf = async (method, response, labelId) => {
  const deleted = deletedId(method, response, labelId);
  if (deleted) return { op: "label_delete", ids: [deleted] };
  const label = await writtenJson<LiveLabel>(response);
  return label ? { op: "label_upsert", label } : null;
};

export function publishChanges(
  changeOf: ChangeOf,
  pathId: "taskId" | "labelId",
): MiddlewareHandler<AppEnv & { Variables: { taskId?: string; labelId?: string } }> {
  return async function publishChanges(c, next) {
    await next();
    if (!WRITES.has(c.req.method) || !c.res.ok) return;
    // A copy to read after the response (a 204 has no body to copy); the original goes out as it is.
    const answer = c.res.status === 204 ? c.res : c.res.clone();
    const method = c.req.method;
    const id = c.get(pathId);
    // Checked already: a create with a malformed key was refused, and refusals publish nothing.
    const key = method === "POST" ? c.req.header("Idempotency-Key") : undefined;
    publishAfterResponse(
      c,
      Promise.resolve()
        .then(() => changeOf(method, answer, id))
        .then((change) => (key && change?.op === "upsert" ? { ...change, idempotency_key: key } : change)),
    );
  };
}
