/**
 * The task routes, mounted at `/api/:userId/tasks` once `authenticate` has set the caller. Each
 * handler validates its input, makes one database round trip (the caller's session check and one
 * statement scoped to the token's user) and maps a missing row to 404.
 */
import { Hono } from "hono";
import * as data from "../data/tasks.ts";
import { ApiError } from "../errors.ts";
import { encodeCursor } from "../lib/cursor.ts";
import { toTaskJson } from "../lib/task-json.ts";
import { validate } from "../lib/validate.ts";
import { methodNotAllowed } from "../middleware/method-not-allowed.ts";
import { ownTasksOnly } from "../middleware/own-tasks-only.ts";
import { requireJson } from "../middleware/require-json.ts";
import { TaskCreateSchema, TaskListQuerySchema, TaskParamsSchema, TaskUpdateSchema } from "../schemas/task.ts";
import type { AppEnv } from "../types.ts";

const taskNotFound = () => new ApiError(404, "task_not_found", "No such task.");

export const taskRoutes = new Hono<AppEnv>()
  .use(ownTasksOnly())
  .get("/", validate("query", TaskListQuerySchema), async (c) => {
    const { cursor: after, ...query } = c.req.valid("query");
    const rows = await data.listTasks(c.get("db"), c.get("caller"), { ...query, after });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
    return c.json({ tasks: page.map(toTaskJson), next_cursor: nextCursor });
  })
  .post("/", requireJson(), validate("json", TaskCreateSchema), async (c) => {
    const task = await data.createTask(c.get("db"), c.get("caller"), c.req.valid("json"));
    return c.json(toTaskJson(task), 201, { Location: `${c.req.path.replace(/\/$/, "")}/${task.id}` });
  })
  .all("/", methodNotAllowed(["GET", "POST"]))
  .get("/summary", async (c) => c.json(await data.summarizeTasks(c.get("db"), c.get("caller"))))
  .all("/summary", methodNotAllowed(["GET"]))
  .get("/:id", validate("param", TaskParamsSchema), async (c) => {
    const task = await data.getTask(c.get("db"), c.get("caller"), c.req.valid("param").id);
    if (!task) throw taskNotFound();
    return c.json(toTaskJson(task));
  })
  .put("/:id", validate("param", TaskParamsSchema), requireJson(), validate("json", TaskUpdateSchema), async (c) => {
    const task = await data.updateTask(c.get("db"), c.get("caller"), c.req.valid("param").id, c.req.valid("json"));
    if (!task) throw taskNotFound();
    return c.json(toTaskJson(task));
  })
  .delete("/:id", validate("param", TaskParamsSchema), async (c) => {
    const deleted = await data.deleteTask(c.get("db"), c.get("caller"), c.req.valid("param").id);
    if (!deleted) throw taskNotFound();
    return c.body(null, 204);
  })
  .all("/:id", methodNotAllowed(["GET", "PUT", "DELETE"]))
  .patch("/:id/complete", validate("param", TaskParamsSchema), async (c) => {
    const task = await data.toggleTask(c.get("db"), c.get("caller"), c.req.valid("param").id);
    if (!task) throw taskNotFound();
    return c.json(toTaskJson(task));
  })
  .all("/:id/complete", methodNotAllowed(["PATCH"]));
