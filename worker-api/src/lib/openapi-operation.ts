/**
 * OpenAPI descriptions of the routes, next to them (`describeRoute` from hono-openapi): the
 * success answer with its valibot schema, and the error statuses the route can answer, each with
 * the one error body. hono-openapi reads these and the routes' validators to write /openapi.json.
 */
import { describeRoute, resolver } from "hono-openapi";
import type { GenericSchema } from "valibot";
import { ErrorBodySchema } from "../schemas/responses.ts";

/** What each error status means, with its `code`s (the README's table says the same). */
export const ERROR_STATUSES = {
  400: "`malformed_json`: the body is not valid JSON; `invalid_idempotency_key`: the `Idempotency-Key` header is malformed; `unsupported_protocol`: a live upgrade that does not offer `edge-tasks.live.v1`.",
  401: "`missing_token`, `invalid_token`, `token_expired` or `session_revoked`, with a `WWW-Authenticate` challenge.",
  403: "`forbidden`: the token's `sub` is not `:userId`; `forbidden_origin`: a live upgrade from a page of another origin.",
  404: "`task_not_found`, `label_not_found`: no such task or label, or it belongs to someone else (indistinguishable); `not_found`: no such route.",
  405: "`method_not_allowed`: the path exists, the method does not (see `Allow`).",
  409: "`idempotency_key_in_progress`: another request with this `Idempotency-Key` is being handled; retry it (see `Retry-After`); `label_name_taken`: the person has a label of that name already (ignoring case).",
  413: "`payload_too_large`: the body is over 64 KiB.",
  415: "`unsupported_media_type`: the body is not sent as `application/json`.",
  422: "`validation_failed`: `details` maps each field to its problems; `idempotency_key_reused`: the `Idempotency-Key` was first sent with another request.",
  426: "`upgrade_required`: the live endpoint is a WebSocket (`Upgrade: websocket`).",
  503: "`database_unavailable`, `jwks_unavailable`, `live_unavailable` or `not_ready`: a dependency is down (see `Retry-After`).",
} as const;

export type ErrorStatus = keyof typeof ERROR_STATUSES;

/**
 * Every task route is behind these guards (routes/tasks.ts): the token, its owner, the database
 * (and the body limit, whose 413 only methods that may carry a body can meet: they list it).
 */
const TASK_ROUTE_ERRORS = [401, 403, 503] as const satisfies ErrorStatus[];

const json = (schema: GenericSchema) => ({ "application/json": { schema: resolver(schema) } });

export type OperationSpec = {
  operationId: string;
  summary: string;
  success: { status: 101 | 200 | 201 | 204; description: string; schema?: GenericSchema };
  /** Error statuses this route can answer besides its guards'. */
  errors?: ErrorStatus[];
};

function describeOperation(spec: OperationSpec, guards: readonly ErrorStatus[], security: boolean) {
  const { status, description, schema } = spec.success;
  const errors = [...new Set([...guards, ...(spec.errors ?? [])])].sort();
  return describeRoute({
    operationId: spec.operationId,
    summary: spec.summary,
    ...(security ? { security: [{ bearerAuth: [] }] } : {}),
    responses: {
      [status]: { description, ...(schema ? { content: json(schema) } : {}) },
      ...Object.fromEntries(errors.map((code) => [code, { description: ERROR_STATUSES[code], content: json(ErrorBodySchema) }])),
    },
  });
}

/** A public route (no token). */
export const publicOperation = (spec: OperationSpec) => describeOperation(spec, [], false);

/** A task route: Bearer token, and the errors of its guards. */
export const taskOperation = (spec: OperationSpec) => describeOperation(spec, TASK_ROUTE_ERRORS, true);

/** A label route: behind the same guards as the task routes. */
export const labelOperation = taskOperation;
