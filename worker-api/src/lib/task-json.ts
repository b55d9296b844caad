/** The API's JSON form of a task (its schema is `TaskJsonSchema`). */
import type * as v from "valibot";
import type { Task } from "../../../drizzle/schema.ts";
import type { TaskJsonSchema } from "../schemas/responses.ts";

export type TaskJson = v.InferOutput<typeof TaskJsonSchema>;

export function toTaskJson(task: Task): TaskJson {
  return {
    id: task.id,
    user_id: task.userId,
    title: task.title,
    description: task.description,
    completed: task.completed,
    created_at: task.createdAt.toISOString(),
    updated_at: task.updatedAt.toISOString(),
  };
}
