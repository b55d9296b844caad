/**
 * Better Auth answers a path it does not serve (or one switched off with `disabledPaths`) with a
 * plain-text "Not Found". Every other error of /api/auth/* is JSON `{ code, message }`, and clients
 * parse it as such: so are these.
 */
import "server-only";

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
