/** Request schemas for the task routes; user-facing messages live here. */
import { z } from "zod";
import { TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from "../../../drizzle/schema.ts";

const Title = z
  .string({ error: "title must be a string" })
  .trim()
  .min(1, "title must not be empty")
  .max(TASK_TITLE_MAX, `title must be at most ${TASK_TITLE_MAX} characters`);

const Description = z
  .string({ error: "description must be a string or null" })
  .trim()
  .max(TASK_DESCRIPTION_MAX, `description must be at most ${TASK_DESCRIPTION_MAX} characters`)
  .nullable();

export const TaskCreateSchema = z.strictObject({
  title: Title,
  description: Description.optional(),
});

export const TaskUpdateSchema = z
  .strictObject({
    title: Title.optional(),
    description: Description.optional(),
    completed: z.boolean({ error: "completed must be true or false" }).optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), {
    message: "send at least one of title, description, completed",
  });

export const TASK_PAGE_MAX = 100;

export const TaskListQuerySchema = z.strictObject({
  status: z.enum(["all", "pending", "completed"], { error: "status must be all, pending or completed" }).default("all"),
  order: z.enum(["asc", "desc"], { error: "order must be asc or desc" }).default("desc"),
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(TASK_PAGE_MAX, `limit must be at most ${TASK_PAGE_MAX}`)
    .default(50),
  cursor: z.string().max(200, "cursor is malformed").optional(),
});

export const TaskParamsSchema = z.object({ userId: z.string(), id: z.uuid() });

export type TaskCreate = z.infer<typeof TaskCreateSchema>;
export type TaskUpdate = z.infer<typeof TaskUpdateSchema>;
export type TaskListQuery = z.infer<typeof TaskListQuerySchema>;
