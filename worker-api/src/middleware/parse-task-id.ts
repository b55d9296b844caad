/**
 * @module parse-task-id
 * Validates the `:id` of a task path once for every route under it and puts it on the context as
 * `taskId`. A malformed id names no task, so it is the 404 of a task that does not exist.
 */
import { createMiddleware } from "hono/factory";
import * as v from "valibot";
import { taskNotFound } from "../errors.ts";
import { TaskIdSchema } from "../schemas/task.ts";
import type { AppEnv } from "../types.ts";

export type TaskIdVariables = { taskId: string };

export type TaskIdEnv = { Bindings: AppEnv["Bindings"]; Variables: AppEnv["Variables"] & TaskIdVariables };

export function parseTaskId() {
  return createMiddleware<TaskIdEnv>(async function parseTaskId(c, next) {
    const parsed = v.safeParse(TaskIdSchema, c.req.param("id"));
    if (!parsed.success) throw taskNotFound();
    c.set("taskId", parsed.output);
    await next();
  });
}
