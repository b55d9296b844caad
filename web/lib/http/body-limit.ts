/**
 * A cap on request bodies, enforced before anything parses them: a declared Content-Length over
 * the cap is refused unread, and a body without one (chunked) is read only up to the cap. Better
 * Auth parses any JSON it is sent, and what it stores can end up in the session cookie: a body of
 * megabytes is work for nothing, and a huge field stored once breaks every later response.
 */
import "server-only";

export type Handle = (request: Request) => Promise<Response>;

/** The refusal, as JSON `{code, message}` like every other error of the route. */
export function bodyTooLarge(maxBytes: number): Response {
  return Response.json(
    { code: "PAYLOAD_TOO_LARGE", message: `Request bodies here are at most ${maxBytes / 1024} KiB.` },
    { status: 413 },
  );
}

/** The body's bytes, or undefined as soon as more than `maxBytes` have arrived (the rest is not read). */
async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Wraps `handle` so that it only ever sees bodies of at most `maxBytes`, already read. */
export function withBodyLimit(maxBytes: number, handle: Handle): Handle {
  return async (request) => {
    if (!request.body) return handle(request);
    if (Number(request.headers.get("Content-Length")) > maxBytes) return bodyTooLarge(maxBytes);
    const bytes = await readAtMost(request.body, maxBytes);
    if (!bytes) return bodyTooLarge(maxBytes);
    // From its parts: Next.js hands a route a Proxy of the request, which `new Request(proxy)`
    // would read as a URL ("Invalid URL: [object Request]").
    const { url, method, headers, signal } = request;
    return handle(new Request(url, { method, headers, signal, body: bytes }));
  };
}
