/**
 * The label routes under `/api/:userId/labels`, behind the same guard chain as the task routes
 * (the request's database, the caller's token, its own user only, no caching, a body limit). Each
 * handler makes one database round trip, the session check included; a label of someone else is
 * a 404 like one that does not exist, and a name the person already uses (ignoring case) a 409.
 * Putting labels on tasks is under the task routes (`/tasks/:id/labels/:labelId`).
 */
import { Hono } from "hono";
import * as data from "../data/labels.ts";
import { labelNameTaken, labelNotFound } from "../errors.ts";
import { toLabelJson } from "../lib/label-json.ts";
import { labelOperation } from "../lib/openapi-operation.ts";
import { validate } from "../lib/validate.ts";
import { authenticate } from "../middleware/authenticate.ts";
import { bodySizeLimit } from "../middleware/body-size-limit.ts";
import { methodNotAllowed } from "../middleware/method-not-allowed.ts";
import { noStore } from "../middleware/no-store.ts";
import { ownTasksOnly } from "../middleware/own-tasks-only.ts";
import { parseLabelId } from "../middleware/parse-label-id.ts";
import { labelChange, publishChanges } from "../middleware/publish-changes.ts";
import { requestDatabase } from "../middleware/request-database.ts";
import { requireJson } from "../middleware/require-json.ts";
import { LabelCreateSchema, LabelUpdateSchema } from "../schemas/label.ts";
import { LabelJsonSchema, LabelListSchema } from "../schemas/responses.ts";
import type { AppEnv } from "../types.ts";

const MAX_BODY_BYTES = 64 * 1024;

/** A duplicate name is the person's to fix: a 409 naming it, not a 500. */
async function uniqueName<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof data.LabelNameTakenError) throw labelNameTaken();
    throw error;
  }
}

const labelRoutesById = new Hono<AppEnv>()
  .patch(
    "/:labelId",
    labelOperation({
      operationId: "updateLabel",
      summary: "Rename or recolour a label",
      success: { status: 200, description: "The label.", schema: LabelJsonSchema },
      errors: [400, 404, 409, 413, 415, 422],
    }),
    parseLabelId(),
    requireJson(),
    validate("json", LabelUpdateSchema),
    async (c) => {
      const label = await uniqueName(data.updateLabel(c.get("db"), c.get("caller"), c.get("labelId"), c.req.valid("json")));
      if (!label) throw labelNotFound();
      return c.json(toLabelJson(label), 200);
    },
  )
  .delete(
    "/:labelId",
    labelOperation({
      operationId: "deleteLabel",
      summary: "Delete a label (the tasks that carry it lose it)",
      success: { status: 204, description: "Deleted." },
      errors: [404, 413],
    }),
    parseLabelId(),
    async (c) => {
      if (!(await data.deleteLabel(c.get("db"), c.get("caller"), c.get("labelId")))) throw labelNotFound();
      return c.body(null, 204);
    },
  );
labelRoutesById.all("/:labelId", methodNotAllowed(["PATCH", "DELETE"]));

const labelCollection = new Hono<AppEnv>()
  .basePath("/api/:userId/labels")
  .use(requestDatabase(), authenticate(), ownTasksOnly(), noStore(), bodySizeLimit(MAX_BODY_BYTES))
  .use(publishChanges(labelChange, "labelId"))
  .get(
    "/",
    labelOperation({
      operationId: "listLabels",
      summary: "The person's labels, by name",
      success: { status: 200, description: "Every label of the person.", schema: LabelListSchema },
    }),
    async (c) => c.json({ labels: (await data.listLabels(c.get("db"), c.get("caller"))).map(toLabelJson) }, 200),
  )
  .post(
    "/",
    labelOperation({
      operationId: "createLabel",
      summary: "Create a label",
      success: { status: 201, description: "The new label; `Location` names it.", schema: LabelJsonSchema },
      errors: [400, 409, 413, 415, 422],
    }),
    requireJson(),
    validate("json", LabelCreateSchema),
    async (c) => {
      const label = await uniqueName(data.createLabel(c.get("db"), c.get("caller"), c.req.valid("json")));
      return c.json(toLabelJson(label), 201, { Location: `${c.req.path.replace(/\/$/, "")}/${label.id}` });
    },
  );
labelCollection.all("/", methodNotAllowed(["GET", "POST"]));

export const labelRoutes = labelCollection.route("/", labelRoutesById);
