/**
 * @module require-json
 * Refuses request bodies that are not declared as JSON (415), so that a form post or a missing
 * Content-Type is reported as such instead of being validated as an empty object, and bodies that
 * do not parse as JSON (400 `malformed_json`). Parsing here, where the parser's own SyntaxError
 * is the signal, means the validator after it only ever sees JSON: Hono's validator would answer a
 * bare HTTPException(400) that nothing but its message tells apart from any other 400.
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
    // Hono caches the body's text, so the validator parses it again without reading it again.
    const text = await c.req.text();
    try {
      JSON.parse(text);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw new ApiError(400, "malformed_json", "Malformed JSON in request body", { cause: error });
    }
    await next();
  };
}
