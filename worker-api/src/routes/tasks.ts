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
import { Hono } from "hono";
import { createTaskOnce } from "../data/idempotent-create.ts";
import * as data from "../data/tasks.ts";
import { ApiError, taskNotFound } from "../errors.ts";
import { encodeCursor } from "../lib/cursor.ts";
import { taskOperation } from "../lib/openapi-operation.ts";
import { requestHash } from "../lib/request-hash.ts";
import { toTaskJson } from "../lib/task-json.ts";
import { validate } from "../lib/validate.ts";
import { authenticate } from "../middleware/authenticate.ts";
import { bodySizeLimit } from "../middleware/body-size-limit.ts";
import { idempotencyKey } from "../middleware/idempotency-key.ts";
import { methodNotAllowed } from "../middleware/method-not-allowed.ts";
import { noStore } from "../middleware/no-store.ts";
import { ownTasksOnly } from "../middleware/own-tasks-only.ts";
import { parseTaskId, type TaskIdEnv } from "../middleware/parse-task-id.ts";
import { publishChanges } from "../middleware/publish-changes.ts";
import { requestDatabase } from "../middleware/request-database.ts";
import { requireJson } from "../middleware/require-json.ts";
import { TaskJsonSchema, TaskPageSchema, TaskSummarySchema } from "../schemas/responses.ts";
import { TaskCreateSchema, TaskListQuerySchema, TaskUpdateSchema } from "../schemas/task.ts";
import type { AppEnv } from "../types.ts";

const MAX_BODY_BYTES = 64 * 1024;

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
  );
// Any other method is a 405. Registered after the real routes and outside the chain: Hono's client
// types would merge an `all` route into every method of its path and erase their types.
taskRoutesById.all("/", methodNotAllowed(["GET", "PUT", "DELETE"]));
taskRoutesById.all("/complete", methodNotAllowed(["PATCH"]));

const collectionRoutes = new Hono<AppEnv>()
  .basePath("/api/:userId/tasks")
  // The database first: the token check may ask it whether an unknown signing key is real.
  .use(requestDatabase(), authenticate(), ownTasksOnly(), noStore(), bodySizeLimit(MAX_BODY_BYTES))
  // Each committed write, to the person's open tabs and devices, after the response.
  .use(publishChanges())
  .get(
    "/",
    taskOperation({
      operationId: "listTasks",
      summary: "A page of the user's tasks",
      success: { status: 200, description: "The page, and the cursor of the next one.", schema: TaskPageSchema },
      errors: [422],
    }),
    validate("query", TaskListQuerySchema),
    async (c) => {
      const { cursor: after, ...query } = c.req.valid("query");
      const rows = await data.listTasks(c.get("db"), c.get("caller"), { ...query, after });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const nextCursor = rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
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
      const created = (task: data.Task, headers: Record<string, string> = {}) =>
        c.json(toTaskJson(task), 201, { Location: `${c.req.path.replace(/\/$/, "")}/${task.id}`, ...headers });
      if (key === undefined) return created(await data.createTask(c.get("db"), c.get("caller"), input));

      const claim = { key, requestHash: await requestHash("createTask", [input.title, input.description ?? null]) };
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
  .get(
    "/summary",
    taskOperation({
      operationId: "summarizeTasks",
      summary: "How many tasks, pending and completed (one aggregate query, for the dashboard)",
      success: { status: 200, description: "The counts.", schema: TaskSummarySchema },
    }),
    async (c) => c.json(await data.summarizeTasks(c.get("db"), c.get("caller")), 200),
  );
collectionRoutes.all("/", methodNotAllowed(["GET", "POST"]));
collectionRoutes.all("/summary", methodNotAllowed(["GET"]));

// `/:id` last, or it would take "summary" for a task id.
export const taskRoutes = collectionRoutes.route("/:id", taskRoutesById);
