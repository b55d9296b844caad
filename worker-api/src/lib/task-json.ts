/** The API's JSON form of a task (its schema is `TaskJsonSchema`). */
import type * as v from "valibot";
import { TASK_PRIORITIES } from "../../../drizzle/limits.ts";
import type { TaskWithLabels } from "../data/tasks.ts";
import { dueJson } from "../schemas/due.ts";
import type { TaskJsonSchema } from "../schemas/responses.ts";

export type TaskJson = v.InferOutput<typeof TaskJsonSchema>;

export function toTaskJson(task: TaskWithLabels): TaskJson {
  return {
    id: task.id,
    user_id: task.userId,
    title: task.title,
    description: task.description,
    completed: task.completed,
    completed_at: task.completedAt?.toISOString() ?? null,
    due: dueJson(task.dueAt, task.dueAllDay),
    priority: TASK_PRIORITIES[task.priority] ?? "none",
    position: task.position,
    label_ids: task.labelIds,
    created_at: task.createdAt.toISOString(),
    updated_at: task.updatedAt.toISOString(),
  };
}
