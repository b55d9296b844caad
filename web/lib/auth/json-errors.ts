/**
 * Better Auth answers a path it does not serve (or one switched off with `disabledPaths`) with a
 * plain-text "Not Found". Every other error of /api/auth/* is JSON `{ code, message }`, and clients
 * parse it as such: so are these. An error Better Auth throws instead of answering is logged as one
 * safe line (web/lib/log) and answered 500 JSON.
 */
import "server-only";
import { describeError } from "../log/describe-error.ts";
import { logLine } from "../log/log-line.ts";

export function withJsonErrors(
  handle: (request: Request) => Promise<Response>,
  log: (line: string) => void = (line) => console.error(line),
) {
  return async (request: Request): Promise<Response> => {
    let response: Response;
    try {
      response = await handle(request);
    } catch (error) {
      // Anything Better Auth did not answer itself (options.ts: `onAPIError.throw`): one safe line.
      const path = new URL(request.url).pathname;
      log(logLine({ level: "error", event: "auth_unexpected_error", method: request.method, path, error: describeError(error) }));
      return Response.json(
        { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side. Please try again." },
        { status: 500 },
      );
    }
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
