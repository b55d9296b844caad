/**
 * Request schemas for the task routes; user-facing messages live here. Valibot rather than zod in
 * this worker: it tree-shakes to a few KiB, which keeps the API worker inside its 150 KiB budget.
 */
import * as v from "valibot";
import {
  LABEL_FILTER_MAX,
  TASK_DESCRIPTION_MAX,
  TASK_PRIORITIES,
  TASK_SEARCH_MAX,
  TASK_TITLE_MAX,
} from "../../../drizzle/limits.ts";
import { decodeCursor, TASK_SORTS, type TaskCursor } from "../lib/cursor.ts";
import { isTimeZone } from "../lib/zone-clock.ts";
import { DueSchema } from "./due.ts";
import { strictObject } from "./strict-object.ts";

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

const priorityMessage = `priority must be one of ${TASK_PRIORITIES.join(", ")}`;
const Priority = v.picklist(TASK_PRIORITIES, priorityMessage);

export const TaskCreateSchema = strictObject({
  title: Title,
  description: v.optional(Description),
  due: v.optional(DueSchema),
  priority: v.optional(Priority),
});

export const TaskUpdateSchema = v.pipe(
  strictObject({
    title: v.optional(Title),
    description: v.optional(Description),
    completed: v.optional(v.boolean("completed must be true or false")),
    due: v.optional(DueSchema),
    priority: v.optional(Priority),
  }),
  v.check(
    (value) => Object.values(value).some((field) => field !== undefined),
    "send at least one of title, description, completed, due, priority",
  ),
);

/** A query parameter that may be given once or repeated (`label=a&label=b`), as a list. */
const oneOrMany = <Item extends v.GenericSchema<string, unknown>>(item: Item, max: number, name: string) =>
  v.pipe(
    v.union([v.string(), v.array(v.string())], `${name} must be given as text`),
    v.transform((value) => (Array.isArray(value) ? value : [value])),
    v.maxLength(max, `${name} may be given at most ${max} times`),
    v.array(item),
    v.transform((items) => [...new Set(items)] as v.InferOutput<Item>[]),
  );

const TASK_PAGE_MAX = 100;

/** The person's IANA time zone or offset, for due windows (docs/decisions/due-dates-and-list-cursors.md). */
const TimeZone = v.optional(
  v.pipe(v.string(), v.maxLength(64, "tz must be an IANA time zone"), v.check(isTimeZone, "tz must be an IANA time zone")),
  "UTC",
);

/** The dashboard's counts: overdue, today and this week in the zone `tz`. */
export const TaskSummaryQuerySchema = strictObject({ tz: TimeZone });

export const TaskListQuerySchema = strictObject({
  status: v.optional(v.picklist(["all", "pending", "completed"], "status must be all, pending or completed"), "all"),
  sort: v.optional(v.picklist(TASK_SORTS, `sort must be one of ${TASK_SORTS.join(", ")}`), "created"),
  /** Defaults per sort: newest, most urgent first; earliest due, manual order from the top. */
  order: v.optional(v.picklist(["asc", "desc"], "order must be asc or desc")),
  label: v.optional(oneOrMany(v.pipe(v.string(), v.uuid("label must be a label id")), LABEL_FILTER_MAX, "label")),
  priority: v.optional(oneOrMany(Priority, TASK_PRIORITIES.length, "priority")),
  due: v.optional(v.picklist(["overdue", "today", "week", "none"], "due must be overdue, today, week or none")),
  /** The person's IANA time zone, for `due` (docs/decisions/due-dates-and-list-cursors.md). */
  tz: TimeZone,
  q: v.optional(
    v.pipe(v.string("q must be text"), v.maxLength(TASK_SEARCH_MAX, `q must be at most ${TASK_SEARCH_MAX} characters`)),
  ),
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
      v.maxLength(1000, "cursor is malformed"),
      v.transform(decodeCursor),
      v.custom<TaskCursor>((cursor) => cursor !== null, "cursor is malformed"),
    ),
  ),
});

export const TaskIdSchema = v.pipe(v.string(), v.uuid());

export type TaskCreate = v.InferOutput<typeof TaskCreateSchema>;
export type TaskUpdate = v.InferOutput<typeof TaskUpdateSchema>;
export type TaskListQuery = v.InferOutput<typeof TaskListQuerySchema>;
