/**
 * The API's contract for Hono's typed client: `hc<AppType>(apiUrl)` from `hono/client`. Import it
 * type-only (`import type { AppType } from "…/worker-api/src/app-type.ts"`), so that no server
 * code enters a bundle. Request types come from the routes' valibot validators and success
 * response types from their handlers; every error status answers the one `ErrorBody` shape,
 * which `handleError` produces centrally, so it is declared here once for every route.
 */
import type { ApplyGlobalResponse } from "hono/client";
import type { ErrorBody } from "./errors.ts";
import type app from "./index.ts";

/** The statuses `handleError` can answer with (see the README's table of error codes). */
type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 500 | 503;

export type AppType = ApplyGlobalResponse<typeof app, { [Status in ErrorStatus]: { json: ErrorBody } }>;
export type { LabelJson } from "./lib/label-json.ts";
export type { TaskJson } from "./lib/task-json.ts";
export type { ErrorBody };
