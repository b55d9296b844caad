/**
 * Better Auth answers a path it does not serve (or one switched off with `disabledPaths`) with a
 * plain-text "Not Found". Every other error of /api/auth/* is JSON `{ code, message }`, and clients
 * parse it as such: so are these. An error Better Auth throws instead of answering is logged as one
 * safe line (web/lib/log) and answered 500 JSON (`answeringUnexpectedErrors`).
 */
import "server-only";
import { describeError } from "../log/describe-error.ts";
import { logLine } from "../log/log-line.ts";

/**
 * Better Auth's handler, answering an error it throws instead of answering (options.ts:
 * `onAPIError.throw`: anything but its own errors) with 500 JSON and one safe log line, where
 * Better Auth would print the error raw. create-auth.ts puts it around `auth.handler`.
 */
export function answeringUnexpectedErrors(
  handle: (request: Request) => Promise<Response>,
  log: (line: string) => void = (line) => console.error(line),
) {
  return async (request: Request): Promise<Response> => {
    try {
      return await handle(request);
    } catch (error) {
      const path = new URL(request.url).pathname;
      log(logLine({ level: "error", event: "auth_unexpected_error", method: request.method, path, error: describeError(error) }));
      return Response.json(
        { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side. Please try again." },
        { status: 500 },
      );
    }
  };
}

export function withJsonErrors(handle: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const response = await handle(request);
    if (response.status < 400 || response.headers.get("Content-Type")?.includes("json")) return response;
    const text = (await response.text()).trim();
    const code = response.status === 404 ? "NOT_FOUND" : `HTTP_${response.status}`;
    const message =
      response.status === 404
        ? `No auth endpoint for ${request.method} ${new URL(request.url).pathname}.`
        : text || response.statusText;
    return Response.json({ code, message }, { status: response.status, headers: withoutBodyHeaders(response.headers) });
  };
}

const withoutBodyHeaders = (headers: Headers) => {
  const kept = new Headers(headers);
  for (const name of ["Content-Type", "Content-Length", "Content-Encoding"]) kept.delete(name);
  return kept;
};
