/**
 * @module publish-changes
 * After a task route's write has committed and answered, publishes what it changed to the
 * person's open tabs and devices (live/publish.ts). It reads the change from the response, so a
 * new write route is published by answering as the others do: the task it wrote (JSON with an
 * `id`), or 204 for a delete of `:id`. Reads publish nothing, nor do refusals and failures: their
 * body is the error shape `{code, message}`, which names no task.
 */
import type { MiddlewareHandler } from "hono";
import type { LiveChange, LiveTask } from "../live/protocol.ts";
import { publishAfterResponse } from "../live/publish.ts";
import type { AppEnv } from "../types.ts";
import type { TaskIdVariables } from "./parse-task-id.ts";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function publishChanges(): MiddlewareHandler<AppEnv & { Variables: Partial<TaskIdVariables> }> {
  return async function publishChanges(c, next) {
    await next();
    if (!WRITES.has(c.req.method)) return;
    const change = await changeOf(c.req.method, c.res, c.get("taskId"));
    if (change) publishAfterResponse(c, change);
  };
}

async function changeOf(method: string, response: Response, taskId: string | undefined): Promise<LiveChange | null> {
  if (method === "DELETE") return response.status === 204 && taskId ? { op: "delete", ids: [taskId] } : null;
  if (!response.headers.get("Content-Type")?.startsWith("application/json")) return null;
  const task = (await response.clone().json()) as Partial<LiveTask>;
  return typeof task.id === "string" ? { op: "upsert", task: task as LiveTask } : null;
}
