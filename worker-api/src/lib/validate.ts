/**
 * zod validators for Hono routes that fail through the API's one error path: a body or query that
 * does not fit is a 422 with the problems per field; a malformed path id is the 404 of a task
 * that does not exist.
 */
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType, z } from "zod";
import { ApiError } from "../errors.ts";

export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "_";
    const message = issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message;
    details[field] = [...(details[field] ?? []), message];
  }
  return details;
}

export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, (result) => {
    if (result.success) return;
    if (target === "param") throw new ApiError(404, "task_not_found", "No such task.");
    throw new ApiError(422, "validation_failed", `The request ${target === "json" ? "body" : target} is invalid.`, {
      details: fieldErrors(result.error.issues),
    });
  });
}
