/**
 * The task routes under `/api/:userId/tasks`, with their whole guard chain: the request's database,
 * the caller's token, the token's own user only, no caching, and a body limit, for every path here
 * (unknown ones too, so a guess at a path learns nothing without a token). Each handler validates
 * its input, makes one database round trip (the caller's session check and one statement scoped to
 * the token's user) and maps a missing row to 404.
 *
 * The routes are chained and declared under `basePath`, not mounted with a prefix, so that Hono's
 * typed client sees every path parameter (see `app-type.ts`).
 */
import { type Context, Hono } from "hono";
import { BULK_IDS_MAX, UNDO_WINDOW_SECONDS } from "../../../drizzle/limits.ts";
import { actOnTasks } from "../data/bulk.ts";
import { restoreTasks } from "../data/deleted-tasks.ts";
import { createTaskOnce } from "../data/idempotent-create.ts";
import { changeTaskLabel, type LabelingResult } from "../data/labels.ts";
import { exportPage } from "../data/task-export.ts";
import { DEFAULT_ORDER, listTasks } from "../data/task-list.ts";
import { summarizeTasks } from "../data/task-summary.ts";
import * as data from "../data/tasks.ts";
import { ApiError, labelNotFound, taskNotFound } from "../errors.ts";
import { encodeCursor, type TaskCursor, type TaskSort } from "../lib/cursor.ts";
import { taskOperation } from "../lib/openapi-operation.ts";
import { requestHash } from "../lib/request-hash.ts";
import { exportEncoder } from "../lib/task-export-formats.ts";
import { taskExportStream } from "../lib/task-export-stream.ts";
import { toTaskJson } from "../lib/task-json.ts";
import { validate } from "../lib/validate.ts";
import { authenticate } from "../middleware/authenticate.ts";
import { bodySizeLimit } from "../middleware/body-size-limit.ts";
import { idempotencyKey } from "../middleware/idempotency-key.ts";
import { methodNotAllowed } from "../middleware/method-not-allowed.ts";
import { noStore } from "../middleware/no-store.ts";
import { ownTasksOnly } from "../middleware/own-tasks-only.ts";
import { parseLabelId } from "../middleware/parse-label-id.ts";
import { parseTaskId, type TaskIdEnv } from "../middleware/parse-task-id.ts";
import { publishChanges, taskChange } from "../middleware/publish-changes.ts";
import { requestDatabase } from "../middleware/request-database.ts";
import { requireJson } from "../middleware/require-json.ts";
import { BulkSchema, RestoreSchema } from "../schemas/bulk.ts";
import { TaskExportQuerySchema } from "../schemas/export.ts";
import { TaskMoveSchema } from "../schemas/position.ts";
import {
  BulkResultSchema,
  RestoreResultSchema,
  TaskJsonSchema,
  TaskPageSchema,
  TaskSummarySchema,
} from "../schemas/responses.ts";
import { TaskCreateSchema, TaskListQuerySchema, TaskSummaryQuerySchema, TaskUpdateSchema } from "../schemas/task.ts";
import type { AppEnv } from "../types.ts";

const MAX_BODY_BYTES = 64 * 1024;

/** The cursor after `task` in a list sorted by `sort`. */
function cursorOf(sort: TaskSort, task: data.Task): TaskCursor {
  switch (sort) {
    case "created":
      return { sort, value: task.createdAt, id: task.id };
    case "due":
      return { sort, value: task.dueAt, id: task.id };
    case "priority":
      return { sort, value: task.priority, id: task.id };
    case "position":
      return { sort, value: task.position, id: task.id };
  }
}

/** The answer of an attach or detach: the task as it is now, or the 404 of whichever is missing. */
function labeled(c: Context, result: LabelingResult) {
  if (result === "task_not_found") throw taskNotFound();
  if (result === "label_not_found") throw labelNotFound();
  return c.json(toTaskJson(result), 200);
}

/** One task, `/:id`: the id is validated once, by `parseTaskId`, for every route below it. */
const taskRoutesById = new Hono<TaskIdEnv>()
  .use(parseTaskId())
  .get(
    "/",
    taskOperation({
      operationId: "getTask",
      summary: "One task",
      success: { status: 200, description: "The task.", schema: TaskJsonSchema },
      errors: [404],
    }),
    async (c) => {
      const task = await data.getTask(c.get("db"), c.get("caller"), c.get("taskId"));
      if (!task) throw taskNotFound();
      return c.json(toTaskJson(task), 200);
    },
  )
  .put(
    "/",
    taskOperation({
      operationId: "updateTask",
      summary: "Change a task's title, description or completion",
      success: { status: 200, description: "The updated task.", schema: TaskJsonSchema },
      errors: [400, 404, 413, 415, 422],
    }),
    requireJson(),
    validate("json", TaskUpdateSchema),
    async (c) => {
      const task = await data.updateTask(c.get("db"), c.get("caller"), c.get("taskId"), c.req.valid("json"));
      if (!task) throw taskNotFound();
      return c.json(toTaskJson(task), 200);
    },
  )
  .delete(
    "/",
    taskOperation({
      operationId: "deleteTask",
      summary: "Delete a task",
      success: { status: 204, description: "Deleted." },
      errors: [404, 413],
    }),
    async (c) => {
      const deleted = await data.deleteTask(c.get("db"), c.get("caller"), c.get("taskId"));
      if (!deleted) throw taskNotFound();
      return c.body(null, 204);
    },
  )
  .patch(
    "/complete",
    taskOperation({
      operationId: "toggleTask",
      summary: "Toggle a task's completion",
      success: { status: 200, description: "The task, with `completed` toggled.", schema: TaskJsonSchema },
      errors: [404, 413],
    }),
    async (c) => {
      const task = await data.toggleTask(c.get("db"), c.get("caller"), c.get("taskId"));
      if (!task) throw taskNotFound();
      return c.json(toTaskJson(task), 200);
    },
  )
  .patch(
    "/position",
    taskOperation({
      operationId: "moveTask",
      summary: "Move a task in the manual order: its new `fractional-indexing` key, computed between its new neighbours' keys",
      success: { status: 200, description: "The task, with its new `position`.", schema: TaskJsonSchema },
      errors: [400, 404, 413, 415, 422],
    }),
    requireJson(),
    validate("json", TaskMoveSchema),
    async (c) => {
      const task = await data.moveTask(c.get("db"), c.get("caller"), c.get("taskId"), c.req.valid("json").position);
      if (!task) throw taskNotFound();
      return c.json(toTaskJson(task), 200);
    },
  )
  .put(
    "/labels/:labelId",
    taskOperation({
      operationId: "attachLabel",
      summary: "Put one of the person's labels on a task (already there: nothing changes)",
      success: { status: 200, description: "The task, with the label.", schema: TaskJsonSchema },
      errors: [404, 413],
    }),
    parseLabelId(),
    async (c) => labeled(c, await changeTaskLabel(c.get("db"), c.get("caller"), c.get("taskId"), c.get("labelId"), "attach")),
  )
  .delete(
    "/labels/:labelId",
    taskOperation({
      operationId: "detachLabel",
      summary: "Take a label off a task (not there: nothing changes)",
      success: { status: 200, description: "The task, without the label.", schema: TaskJsonSchema },
      errors: [404, 413],
    }),
    parseLabelId(),
    async (c) => labeled(c, await changeTaskLabel(c.get("db"), c.get("caller"), c.get("taskId"), c.get("labelId"), "detach")),
  );
// Any other method is a 405. Registered after the real routes and outside the chain: Hono's client
// types would merge an `all` route into every method of its path and erase their types.
taskRoutesById.all("/", methodNotAllowed(["GET", "PUT", "DELETE"]));
taskRoutesById.all("/complete", methodNotAllowed(["PATCH"]));
taskRoutesById.all("/position", methodNotAllowed(["PATCH"]));
taskRoutesById.all("/labels/:labelId", methodNotAllowed(["PUT", "DELETE"]));

const collectionRoutes = new Hono<AppEnv>()
  .basePath("/api/:userId/tasks")
  // The database first: the token check may ask it whether an unknown signing key is real.
  .use(requestDatabase(), authenticate(), ownTasksOnly(), noStore(), bodySizeLimit(MAX_BODY_BYTES))
  // Each committed write, to the person's open tabs and devices, after the response.
  .use(publishChanges(taskChange, "taskId"))
  .get(
    "/",
    taskOperation({
      operationId: "listTasks",
      summary: "A page of the user's tasks: filtered, searched and sorted",
      success: { status: 200, description: "The page, and the cursor of the next one.", schema: TaskPageSchema },
      errors: [404, 422],
    }),
    validate("query", TaskListQuerySchema),
    async (c) => {
      const { cursor: after, order, ...query } = c.req.valid("query");
      if (after && after.sort !== query.sort) {
        throw new ApiError(422, "validation_failed", "The request query is invalid.", {
          details: { cursor: [`cursor belongs to sort=${after.sort}, not sort=${query.sort}`] },
        });
      }
      const result = await listTasks(c.get("db"), c.get("caller"), {
        ...query,
        order: order ?? DEFAULT_ORDER[query.sort],
        after,
      });
      if (result.kind === "unknown_label") throw labelNotFound();
      const page = result.tasks.slice(0, query.limit);
      const last = page.at(-1);
      const nextCursor = result.tasks.length > query.limit && last ? encodeCursor(cursorOf(query.sort, last)) : null;
      return c.json({ tasks: page.map(toTaskJson), next_cursor: nextCursor }, 200);
    },
  )
  .post(
    "/",
    taskOperation({
      operationId: "createTask",
      summary: "Create a task",
      success: { status: 201, description: "The new task; `Location` names it.", schema: TaskJsonSchema },
      errors: [400, 409, 413, 415, 422],
    }),
    idempotencyKey(),
    requireJson(),
    validate("json", TaskCreateSchema),
    async (c) => {
      const input = c.req.valid("json");
      const key = c.req.valid("header")["idempotency-key"];
      // A new task carries no labels yet.
      const created = (task: data.Task, headers: Record<string, string> = {}) =>
        c.json(toTaskJson({ ...task, labelIds: [] }), 201, {
          Location: `${c.req.path.replace(/\/$/, "")}/${task.id}`,
          ...headers,
        });
      if (key === undefined) return created(await data.createTask(c.get("db"), c.get("caller"), input));

      // The first release hashed title and description only: a retry of its requests still matches.
      const extra =
        input.due === undefined && input.priority === undefined
          ? []
          : [JSON.stringify(input.due ?? null), input.priority ?? null];
      const claim = { key, requestHash: await requestHash("createTask", [input.title, input.description ?? null, ...extra]) };
      const outcome = await createTaskOnce(c.get("db"), c.get("caller"), input, claim);
      switch (outcome.kind) {
        case "created":
          return created(outcome.task);
        case "replayed":
          return created(outcome.task, { "Idempotent-Replayed": "true" });
        case "key_reused":
          throw new ApiError(422, "idempotency_key_reused", "This Idempotency-Key was already used with a different request.");
        case "in_progress":
          throw new ApiError(
            409,
            "idempotency_key_in_progress",
            "A request with this Idempotency-Key is still being handled; retry.",
            {
              headers: { "Retry-After": "1" },
            },
          );
      }
    },
  )
  .post(
    "/bulk",
    taskOperation({
      operationId: "bulkTasks",
      summary: `Complete, reopen, delete, label or unlabel up to ${BULK_IDS_MAX} tasks at once, all or nothing`,
      success: { status: 200, description: "The action and the tasks it acted on.", schema: BulkResultSchema },
      errors: [400, 404, 413, 415, 422],
    }),
    requireJson(),
    validate("json", BulkSchema),
    async (c) => {
      const request = c.req.valid("json");
      const result = await actOnTasks(c.get("db"), c.get("caller"), request);
      if (result === "task_not_found") throw taskNotFound();
      if (result === "label_not_found") throw labelNotFound();
      const { action, ids, label_id } = request;
      return c.json({ action, ids, ...(label_id === undefined ? {} : { label_id }) }, 200);
    },
  )
  .post(
    "/restore",
    taskOperation({
      operationId: "restoreTasks",
      summary: `Undo a delete: write back up to ${BULK_IDS_MAX} tasks deleted in the last ${UNDO_WINDOW_SECONDS} s, exactly as they were, all or nothing`,
      success: {
        status: 200,
        description: "The tasks written back (same ids, fields, dates and position; the labels that still exist).",
        schema: RestoreResultSchema,
      },
      errors: [400, 404, 413, 415, 422],
    }),
    requireJson(),
    validate("json", RestoreSchema),
    async (c) => {
      const restored = await restoreTasks(c.get("db"), c.get("caller"), c.req.valid("json").ids);
      // Never deleted, another person's, restored already or past the window: all the same 404.
      if (!restored) throw taskNotFound();
      return c.json({ tasks: restored.map(toTaskJson) }, 200);
    },
  )
  .get(
    "/export",
    taskOperation({
      operationId: "exportTasks",
      summary: "All the person's tasks with their labels, as a JSON or CSV file, streamed a page at a time",
      success: {
        status: 200,
        description:
          "The file (`Content-Disposition: attachment`): JSON `{exported_at, tasks: [task + labels]}`, or CSV with a header row, formulas neutralised.",
      },
      errors: [422],
    }),
    validate("query", TaskExportQuerySchema),
    async (c) => {
      const { format, page_size: pageSize } = c.req.valid("query");
      const db = c.get("db");
      const caller = c.get("caller");
      const exportedAt = new Date();
      const encoder = exportEncoder(format, exportedAt);
      // Read before answering: an ended session or a database that is down is an error response.
      const first = await exportPage(db, caller, null, pageSize);
      const { body, done } = taskExportStream(first, (cursor) => exportPage(db, caller, cursor, pageSize), encoder);
      c.set("databaseInUse", done);
      return c.body(body, 200, {
        "Content-Type": encoder.contentType,
        "Content-Disposition": `attachment; filename="tasks-${exportedAt.toISOString().slice(0, 10)}.${format}"`,
      });
    },
  )
  .get(
    "/summary",
    taskOperation({
      operationId: "summarizeTasks",
      summary:
        "How many tasks: pending and completed; pending ones overdue, due today and this week (in `tz`), and by priority (one aggregate query, for the dashboard)",
      success: { status: 200, description: "The counts.", schema: TaskSummarySchema },
      errors: [422],
    }),
    validate("query", TaskSummaryQuerySchema),
    async (c) => c.json(await summarizeTasks(c.get("db"), c.get("caller"), c.req.valid("query").tz), 200),
  );
collectionRoutes.all("/", methodNotAllowed(["GET", "POST"]));
collectionRoutes.all("/summary", methodNotAllowed(["GET"]));
collectionRoutes.all("/bulk", methodNotAllowed(["POST"]));
collectionRoutes.all("/restore", methodNotAllowed(["POST"]));
collectionRoutes.all("/export", methodNotAllowed(["GET"]));

// `/:id` last, or it would take "summary", "bulk", "restore" or "export" for a task id.
export const taskRoutes = collectionRoutes.route("/:id", taskRoutesById);
