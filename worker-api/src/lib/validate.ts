/**
 * Valibot validators for Hono routes (hono-openapi's, so that the schemas also describe the
 * request in /openapi.json) that fail through the API's one error path: a body or query that does
 * not fit is a 422 with the problems per field.
 */
import { validator } from "hono-openapi";
import type * as v from "valibot";
import { ApiError } from "../errors.ts";

/** A Standard Schema issue, as the validator reports it. */
type Issue = { readonly message: string; readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined };

function fieldErrors(issues: readonly Issue[]): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of issues) {
    const path = issue.path?.map((item) => String(typeof item === "object" ? item.key : item)).join(".");
    const field = path || "_";
    details[field] = [...(details[field] ?? []), issue.message];
  }
  return details;
}

export function validate<Target extends "json" | "query", Schema extends v.GenericSchema>(target: Target, schema: Schema) {
  return validator(target, schema, (result) => {
    if (result.success) return;
    throw new ApiError(422, "validation_failed", `The request ${target === "json" ? "body" : target} is invalid.`, {
      details: fieldErrors(result.error),
    });
  });
}
