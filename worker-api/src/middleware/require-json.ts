/**
 * @module require-json
 * Refuses request bodies that are not declared as JSON (415), so that a form post or a missing
 * Content-Type is reported as such instead of being validated as an empty object.
 */
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../errors.ts";
import type { AppEnv } from "../types.ts";

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export function requireJson(): MiddlewareHandler<AppEnv> {
  return async function requireJson(c, next) {
    const mediaType = c.req.header("Content-Type")?.split(";")[0]?.trim() ?? "";
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      throw new ApiError(415, "unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.");
    }
    await next();
  };
}
