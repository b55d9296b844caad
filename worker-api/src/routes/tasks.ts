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
import * as data from "../data/tasks.ts";
import { taskNotFound } from "../errors.ts";
import { encodeCursor } from "../lib/cursor.ts";
import { toTaskJson } from "../lib/task-json.ts";
import { validate } from "../lib/validate.ts";
import { authenticate } from "../middleware/authenticate.ts";
import { bodySizeLimit } from "../middleware/body-size-limit.ts";
import { methodNotAllowed } from "../middleware/method-not-allowed.ts";
import { noStore } from "../middleware/no-store.ts";
import { ownTasksOnly } from "../middleware/own-tasks-only.ts";
import { parseTaskId, type TaskIdEnv } from "../middleware/parse-task-id.ts";
import { requestDatabase } from "../middleware/request-database.ts";
import { requireJson } from "../middleware/require-json.ts";
import { TaskCreateSchema, TaskListQuerySchema, TaskUpdateSchema } from "../schemas/task.ts";
import type { AppEnv } from "../types.ts";

const MAX_BODY_BYTES = 64 * 1024;

/** One task, `/:id`: the id is validated once, by `parseTaskId`, for every route below it. */
const taskRoutesById = new Hono<TaskIdEnv>()
  .use(parseTaskId())
  .get("/", async (c) => {
    const task = await data.getTask(c.get("db"), c.get("caller"), c.get("taskId"));
    if (!task) throw taskNotFound();
    return c.json(toTaskJson(task), 200);
  })
  .put("/", requireJson(), validate("json", TaskUpdateSchema), async (c) => {
    const task = await data.updateTask(c.get("db"), c.get("caller"), c.get("taskId"), c.req.valid("json"));
    if (!task) throw taskNotFound();
    return c.json(toTaskJson(task), 200);
  })
  .delete("/", async (c) => {
    const deleted = await data.deleteTask(c.get("db"), c.get("caller"), c.get("taskId"));
    if (!deleted) throw taskNotFound();
    return c.body(null, 204);
  })
  .patch("/complete", async (c) => {
    const task = await data.toggleTask(c.get("db"), c.get("caller"), c.get("taskId"));
    if (!task) throw taskNotFound();
    return c.json(toTaskJson(task), 200);
  });
// Any other method is a 405. Registered after the real routes and outside the chain: Hono's client
// types would merge an `all` route into every method of its path and erase their types.
taskRoutesById.all("/", methodNotAllowed(["GET", "PUT", "DELETE"]));
taskRoutesById.all("/complete", methodNotAllowed(["PATCH"]));

const collectionRoutes = new Hono<AppEnv>()
  .basePath("/api/:userId/tasks")
  // The database first: the token check may ask it whether an unknown signing key is real.
  .use(requestDatabase(), authenticate(), ownTasksOnly(), noStore(), bodySizeLimit(MAX_BODY_BYTES))
  .get("/", validate("query", TaskListQuerySchema), async (c) => {
    const { cursor: after, ...query } = c.req.valid("query");
    const rows = await data.listTasks(c.get("db"), c.get("caller"), { ...query, after });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
    return c.json({ tasks: page.map(toTaskJson), next_cursor: nextCursor }, 200);
  })
  .post("/", requireJson(), validate("json", TaskCreateSchema), async (c) => {
    const task = await data.createTask(c.get("db"), c.get("caller"), c.req.valid("json"));
    return c.json(toTaskJson(task), 201, { Location: `${c.req.path.replace(/\/$/, "")}/${task.id}` });
  })
  .get("/summary", async (c) => c.json(await data.summarizeTasks(c.get("db"), c.get("caller")), 200));
collectionRoutes.all("/", methodNotAllowed(["GET", "POST"]));
collectionRoutes.all("/summary", methodNotAllowed(["GET"]));

// `/:id` last, or it would take "summary" for a task id.
export const taskRoutes = collectionRoutes.route("/:id", taskRoutesById);
