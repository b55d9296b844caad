/**
 * Request schemas for the task routes; user-facing messages live here. Valibot rather than zod in
 * this worker: it tree-shakes to a few KiB, which keeps the API worker inside its 150 KiB budget.
 */
import * as v from "valibot";
import { TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from "../../../drizzle/limits.ts";
import { decodeCursor, type TaskCursor } from "../lib/cursor.ts";

const Title = v.pipe(
  v.string("title must be a string"),
  v.trim(),
  v.minLength(1, "title must not be empty"),
  v.maxLength(TASK_TITLE_MAX, `title must be at most ${TASK_TITLE_MAX} characters`),
);

const Description = v.nullable(
  v.pipe(
    v.string("description must be a string or null"),
    v.trim(),
    v.maxLength(TASK_DESCRIPTION_MAX, `description must be at most ${TASK_DESCRIPTION_MAX} characters`),
  ),
);

/** An object that refuses fields it does not know, reporting each under its own name. */
const strictObject = <const Entries extends v.ObjectEntries>(entries: Entries) =>
  v.strictObject(entries, (issue) => (issue.expected === "never" ? "unknown field" : "must be a JSON object"));

export const TaskCreateSchema = strictObject({
  title: Title,
  description: v.optional(Description),
});

export const TaskUpdateSchema = v.pipe(
  strictObject({
    title: v.optional(Title),
    description: v.optional(Description),
    completed: v.optional(v.boolean("completed must be true or false")),
  }),
  v.check(
    (value) => Object.values(value).some((field) => field !== undefined),
    "send at least one of title, description, completed",
  ),
);

const TASK_PAGE_MAX = 100;

export const TaskListQuerySchema = strictObject({
  status: v.optional(v.picklist(["all", "pending", "completed"], "status must be all, pending or completed"), "all"),
  order: v.optional(v.picklist(["asc", "desc"], "order must be asc or desc"), "desc"),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, "limit must be a whole number"),
      v.transform(Number),
      v.minValue(1, "limit must be at least 1"),
      v.maxValue(TASK_PAGE_MAX, `limit must be at most ${TASK_PAGE_MAX}`),
    ),
    "50",
  ),
  // Decoded here, in full: a cursor that is not one this API issued is a 422, never a 500.
  cursor: v.optional(
    v.pipe(
      v.string("cursor is malformed"),
      v.maxLength(200, "cursor is malformed"),
      v.transform(decodeCursor),
      v.custom<TaskCursor>((cursor) => cursor !== null, "cursor is malformed"),
    ),
  ),
});

export const TaskIdSchema = v.pipe(v.string(), v.uuid());

export type TaskCreate = v.InferOutput<typeof TaskCreateSchema>;
export type TaskUpdate = v.InferOutput<typeof TaskUpdateSchema>;
export type TaskListQuery = v.InferOutput<typeof TaskListQuerySchema>;
