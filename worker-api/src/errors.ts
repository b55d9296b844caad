/**
 * The API's one error shape, `{ code, message, details? }`, and the one place that produces it.
 * Code throws `ApiError`; `handleError` (app.onError) turns anything thrown into that shape.
 */
import { DrizzleQueryError } from "drizzle-orm/errors";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type * as v from "valibot";
import { causeChain, sqlState } from "../../drizzle/sql-state.ts";
import { SessionEndedError } from "./data/live-session.ts";
import type { ErrorBodySchema } from "./schemas/responses.ts";
import type { AppEnv } from "./types.ts";

export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;

export class ApiError extends HTTPException {
  readonly code: string;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    options: { details?: unknown; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(status, { message, cause: options.cause });
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

/** The 404 of a task that does not exist, or that belongs to someone else (indistinguishable). */
export const taskNotFound = () => new ApiError(404, "task_not_found", "No such task.");

/** The 404 of a label that does not exist, or that belongs to someone else (indistinguishable). */
export const labelNotFound = () => new ApiError(404, "label_not_found", "No such label.");

export const labelNameTaken = () =>
  new ApiError(409, "label_name_taken", "You already have a label with this name (names ignore case).");

const REALM = "edge-tasks-api";

/** A 401 with its RFC 6750 challenge (no error attribute when the request carried no credentials). */
export function unauthorized(code: string, message: string, cause?: unknown): ApiError {
  const challenge =
    code === "missing_token"
      ? `Bearer realm="${REALM}"`
      : `Bearer realm="${REALM}", error="invalid_token", error_description="${message.replace(/["\\]/g, "")}"`;
  return new ApiError(401, code, message, { headers: { "WWW-Authenticate": challenge }, cause });
}

const sessionRevoked = (cause: unknown) =>
  unauthorized(
    "session_revoked",
    "The session this token belongs to has ended, or the key that signed it was withdrawn: get a new token, or sign in again.",
    cause,
  );

/** Postgres SQLSTATE classes that mean "the database is not there", not "your query is wrong". */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P)/;

const CONNECTION_FAILURE =
  /ECONNREFUSED|fetch failed|Network connection lost|Connection terminated|Error connecting to database|WebSocket/i;

/** The database is not there (no answer, or a class 08/53/57P one), as opposed to a bad query. */
function isDatabaseUnavailable(error: unknown): boolean {
  const code = sqlState(error);
  if (code) return UNAVAILABLE_SQLSTATE.test(code);
  // A driver error without a SQLSTATE never reached Postgres (e.g. Neon's "Server error (HTTP 5xx)").
  for (const current of causeChain(error)) {
    // Drizzle wraps every failed query: with no SQLSTATE anywhere, Postgres never answered it
    // (e.g. the WebSocket to Neon could not even open, which surfaces as a bare "Error").
    if (current instanceof DrizzleQueryError || current.name === "NeonDbError" || CONNECTION_FAILURE.test(current.message)) {
      return true;
    }
  }
  return false;
}

const CODE_BY_STATUS: Partial<Record<number, string>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "validation_failed",
  503: "service_unavailable",
};

export function errorResponse(c: Context, status: ContentfulStatusCode, body: ErrorBody, headers?: Record<string, string>) {
  return c.json(body, status, headers);
}

export function handleError(thrown: Error, c: Context<AppEnv>): Response {
  // The data layer found the session ended (or its user deleted): the token is no longer good.
  const error = thrown instanceof SessionEndedError ? sessionRevoked(thrown) : thrown;
  if (error instanceof ApiError) {
    const body: ErrorBody = { code: error.code, message: error.message };
    if (error.details !== undefined) body.details = error.details;
    return errorResponse(c, error.status as ContentfulStatusCode, body, error.headers);
  }
  if (error instanceof HTTPException) {
    // Raised by Hono itself or a middleware of its (e.g. a body cut short by the runtime).
    const status = error.status as ContentfulStatusCode;
    return errorResponse(c, status, { code: CODE_BY_STATUS[status] ?? "error", message: error.message });
  }
  if (isDatabaseUnavailable(error)) {
    logError(c, "database_unavailable", error);
    return errorResponse(
      c,
      503,
      { code: "database_unavailable", message: "The database is unreachable; try again shortly." },
      { "Retry-After": "5" },
    );
  }
  logError(c, "unhandled_error", error);
  return errorResponse(c, 500, { code: "internal_error", message: "Something went wrong on our side." });
}

/** Postgres's own fields of a database error: what failed and where, never the values involved. */
function databaseFields(error: unknown): Record<string, string> | undefined {
  for (const current of causeChain(error)) {
    const fields = current as unknown as Record<string, unknown>;
    if (typeof fields.code === "string" && /^[0-9A-Z]{5}$/.test(fields.code)) {
      const kept: Record<string, string> = { sqlState: fields.code };
      for (const name of ["severity", "constraint", "table", "column", "routine"]) {
        if (typeof fields[name] === "string") kept[name] = fields[name];
      }
      return kept;
    }
  }
  return undefined;
}

/**
 * Logs what an operator needs (the request id, SQLSTATE, constraint) and nothing a user typed:
 * Drizzle's message repeats the query's parameters (task text, e-mails), and Postgres's messages
 * and details often quote the offending value, so for database errors neither is logged.
 */
export function logError(c: Context<AppEnv>, event: string, error: Error, fields: Record<string, string> = {}) {
  const database = databaseFields(error);
  // Without a SQLSTATE the database never answered (a connection failure): say how it failed,
  // from the first error in the chain that is not Drizzle's (whose message lists the parameters).
  const reason = [...causeChain(error)].find((e) => !(e instanceof DrizzleQueryError))?.message ?? error.name;
  console.error(
    JSON.stringify({
      level: "error",
      event,
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      ...fields,
      error: database ? error.name : reason,
      ...database,
    }),
  );
}
