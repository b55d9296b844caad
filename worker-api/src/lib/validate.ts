/**
 * Valibot validators for Hono routes that fail through the API's one error path: a body or query
 * that does not fit is a 422 with the problems per field.
 */
import { vValidator } from "@hono/valibot-validator";
import type * as v from "valibot";
import { ApiError } from "../errors.ts";

function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of issues) {
    const path = issue.path?.map((item) => String(item.key)).join(".");
    const field = path || "_";
    details[field] = [...(details[field] ?? []), issue.message];
  }
  return details;
}

export function validate<Target extends "json" | "query", Schema extends v.GenericSchema>(target: Target, schema: Schema) {
  return vValidator(target, schema, (result) => {
    if (result.success) return;
    throw new ApiError(422, "validation_failed", `The request ${target === "json" ? "body" : target} is invalid.`, {
      details: fieldErrors(result.issues),
    });
  });
}
