/**
 * @module body-size-limit
 * Hono's `bodyLimit`, answering through the API's one error path: a body over the limit is a 413
 * `payload_too_large` before anything parses it.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../errors.ts";

export function bodySizeLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, "payload_too_large", `The request body is larger than ${maxBytes / 1024} KiB.`);
    },
  });
}
