/**
 * The shapes the API answers with, as valibot schemas: the OpenAPI document is generated from
 * them (with the request schemas in task.ts), and the response types are inferred from them.
 */
import * as v from "valibot";
import { LABEL_COLORS, TASK_PRIORITIES } from "../../../drizzle/limits.ts";

const Timestamp = v.pipe(v.string(), v.isoTimestamp());
const Id = v.pipe(v.string(), v.uuid());

/** A task as JSON (snake_case: the API's published contract, which the web client reads). */
export const TaskJsonSchema = v.object({
  id: v.pipe(v.string(), v.uuid()),
  user_id: v.string(),
  title: v.string(),
  description: v.nullable(v.string()),
  completed: v.boolean(),
  /** When it was completed; null while pending (and for tasks completed before this was kept). */
  completed_at: v.nullable(Timestamp),
  /** `{date}` for all day, `{at}` for an instant, null for none. */
  due: v.nullable(v.union([v.object({ date: v.pipe(v.string(), v.isoDate()) }), v.object({ at: Timestamp })])),
  priority: v.picklist(TASK_PRIORITIES),
  /** The manual order's key (compare as plain strings); null for tasks never placed. */
  position: v.nullable(v.string()),
  label_ids: v.array(Id),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const LabelJsonSchema = v.object({
  id: Id,
  name: v.string(),
  color: v.picklist(LABEL_COLORS),
  created_at: Timestamp,
});

export const BulkResultSchema = v.object({
  action: v.picklist(["complete", "reopen", "delete", "add_label", "remove_label"]),
  /** Every task acted on: all of those asked for (all or nothing). */
  ids: v.array(Id),
  label_id: v.optional(Id),
});

/** The tasks a restore wrote back, each exactly as it was deleted (labels deleted meanwhile left out). */
export const RestoreResultSchema = v.object({ tasks: v.array(TaskJsonSchema) });

export const LabelListSchema = v.object({ labels: v.array(LabelJsonSchema) });

export const TaskPageSchema = v.object({
  tasks: v.array(TaskJsonSchema),
  /** Pass as `cursor` for the next page; null on the last one. */
  next_cursor: v.nullable(v.string()),
});

const Count = v.pipe(v.number(), v.integer());

export const TaskSummarySchema = v.object({
  total: Count,
  pending: Count,
  completed: Count,
  overdue: Count,
  due_today: Count,
  due_week: Count,
  by_priority: v.object({ none: Count, low: Count, medium: Count, high: Count, urgent: Count }),
});

/** Every error: a machine-readable `code`, a sentence for people, and sometimes `details`. */
export const ErrorBodySchema = v.object({
  code: v.string(),
  message: v.string(),
  details: v.optional(v.unknown()),
});

export const HealthSchema = v.object({ status: v.string() });

const Check = v.picklist(["ok", "failed"]);
export const ReadySchema = v.object({ status: v.string(), checks: v.object({ database: Check, jwks: Check }) });
