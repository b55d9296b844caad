/**
 * @module parse-label-id
 * Validates the `:labelId` of a label path (or a task's label path) once, and puts it on the
 * context as `labelId`. A malformed id names no label: the 404 of a label that does not exist.
 */
import { createMiddleware } from "hono/factory";
import * as v from "valibot";
import { labelNotFound } from "../errors.ts";
import { LabelIdSchema } from "../schemas/label.ts";
import type { AppEnv } from "../types.ts";

export type LabelIdVariables = { labelId: string };

export function parseLabelId() {
  return createMiddleware<{ Bindings: AppEnv["Bindings"]; Variables: LabelIdVariables }>(async function parseLabelId(c, next) {
    const parsed = v.safeParse(LabelIdSchema, c.req.param("labelId"));
    if (!parsed.success) throw labelNotFound();
    c.set("labelId", parsed.output);
    await next();
  });
}
