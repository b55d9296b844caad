/**
 * The dev mailbox: where the web worker's mail goes on this machine (`npm run dev`, `preview`).
 *   POST   /messages            a message from the local transport (JSON) → 201 {id}; with an
 *                                `Idempotency-Key` already kept → 200 {id} of that one, not stored again
 *   GET    /                    the page: every message, newest first
 *   GET    /messages/:id        the message's HTML as a page, sandboxed, its links clickable
 *   GET    /messages/:id/text   its text part
 *   GET    /api/messages?to=…   JSON for tests, newest first; DELETE empties the mailbox
 *   GET    /health              200
 *
 * A capture endpoint on node:http rather than maildev: maildev receives SMTP, which a worker can
 * only speak over TCP sockets (worker-mailer on `cloudflare:sockets`), and brings a MIME parser and
 * a web UI of its own. Here the local transport is one fetch, as the deployed one is, and the
 * mailbox needs no dependency.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { localRequestGuard } from "../lib/local-request-guard.ts";
import { CapturedMessageSchema, IdempotencyKeySchema, MAX_BODY_BYTES, type StoredMessage } from "./captured-message.ts";
import { mailboxPage } from "./mailbox-page.ts";
import { createMessageStore, type MessageStore } from "./message-store.ts";

export type MailboxOptions = {
  /** 0 picks a free port. */
  port: number;
  log: (line: string) => void;
  /** How many messages are kept (the newest), 200 by default. */
  limit?: number;
  /**
   * The messages (and their idempotency keys) of a mailbox that was stopped: a restart that keeps
   * them, as a provider back from an outage still knows what it sent (bench/mail-outage.ts).
   */
  store?: MessageStore;
};

export type Mailbox = {
  url: string;
  /** What it keeps, to hand to a restart (`MailboxOptions.store`). */
  store: MessageStore;
  /** Newest first. */
  messages(): StoredMessage[];
  stop(): Promise<void>;
};

// The list page is ours: styles only. A message's HTML is not: as a sandboxed document (opaque
// origin, no script, no forms, no plugins) nothing in it runs, and it loads nothing. Its links
// still work: a sandboxed top-level page may navigate itself.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const MESSAGE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
const COMMON_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" };

class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export async function startMailbox({
  port,
  log,
  limit = 200,
  store = createMessageStore(limit),
}: MailboxOptions): Promise<Mailbox> {
  const guard = localRequestGuard({ allowOwnOrigin: true });

  const send = (response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, { ...COMMON_HEADERS, "Content-Type": type, ...headers }).end(body);
  };
  const json = (response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
    send(response, status, "application/json", JSON.stringify(value), headers);

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refusal = guard.refusal(request);
    if (refusal) throw new HttpError(403, "forbidden", refusal);
    const url = parseTarget(request.url);
    const method = request.method ?? "GET";
    const path = url.pathname;
    const allow = (methods: string[]) => {
      if (!methods.includes(method)) {
        throw new HttpError(405, "method_not_allowed", `${method} is not allowed on ${path}`, { allow: methods });
      }
    };

    if (path === "/messages") {
      allow(["POST"]);
      const key = readIdempotencyKey(request);
      const { message, duplicate } = store.add(await readMessage(request), key);
      if (duplicate) return json(response, 200, { id: message.id, duplicate: true });
      log(`mail to ${message.to}: ${message.subject}`);
      return json(response, 201, { id: message.id });
    }
    if (path === "/api/messages") {
      allow(["GET", "HEAD", "DELETE"]);
      if (method === "DELETE") {
        store.clear();
        response.writeHead(204, COMMON_HEADERS).end();
        return;
      }
      return json(response, 200, { messages: store.list(url.searchParams.get("to") ?? undefined) });
    }
    if (path === "/") {
      allow(["GET", "HEAD"]);
      return send(response, 200, "text/html; charset=utf-8", mailboxPage(store.list()), { "Content-Security-Policy": PAGE_CSP });
    }
    if (path === "/health") {
      allow(["GET", "HEAD"]);
      return send(response, 200, "text/plain", "ok");
    }
    const match = /^\/messages\/(\d{1,12})(\/text)?$/.exec(path);
    if (match) {
      allow(["GET", "HEAD"]);
      const message = store.get(match[1] ?? "");
      if (!message) throw new HttpError(404, "message_not_found", "no such message (the mailbox keeps the newest ones)");
      return match[2]
        ? send(response, 200, "text/plain; charset=utf-8", message.text)
        : send(response, 200, "text/html; charset=utf-8", message.html, { "Content-Security-Policy": MESSAGE_CSP });
    }
    throw new HttpError(404, "not_found", `no route for ${method} ${path}`);
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const known = error instanceof HttpError;
      if (!known) log(`mailbox: unexpected ${error instanceof Error ? error.stack : String(error)}`);
      const status = known ? error.status : 500;
      const body = known
        ? { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) }
        : { code: "internal_error", message: "unexpected error in the mailbox" };
      const headers: Record<string, string> =
        known && error.code === "method_not_allowed" ? { Allow: (error.details as { allow: string[] }).allow.join(", ") } : {};
      // An unread body is drained by node:http after the answer, keeping the connection (closing
      // it under a client still writing would reset it before the client reads the answer). Only a
      // body over the limit is not worth reading on: that connection closes.
      if (known && error.code === "payload_too_large" && !request.complete) headers.Connection = "close";
      if (!response.headersSent) json(response, status, body, headers);
    });
  });
  // Bytes that are not HTTP: a 400 when the socket can still take it, as the routes answer.
  server.on("clientError", (_error, socket) => {
    if (!socket.writable) return socket.destroy();
    const body = JSON.stringify({ code: "bad_request", message: "malformed HTTP request" });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  guard.listening(bound);

  return {
    url: `http://127.0.0.1:${bound}`,
    store,
    messages: () => store.list(),
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Only origin-form targets (`/path?query`); `//host/path` stays a path, never another host. */
function parseTarget(target: string | undefined): URL {
  try {
    if (target?.startsWith("/")) return new URL(`http://mailbox.invalid${target}`);
  } catch {}
  throw new HttpError(400, "bad_request", "the request target must be a path");
}

/** The `Idempotency-Key` header, if sent: 400 when it is not one Resend would take either. */
function readIdempotencyKey(request: IncomingMessage): string | undefined {
  const value = request.headers["idempotency-key"];
  if (value === undefined) return undefined;
  const parsed = IdempotencyKeySchema.safeParse(value);
  if (!parsed.success)
    throw new HttpError(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 256 printable ASCII characters");
  return parsed.data;
}

/** The body as a checked message: 415 unless JSON, 413 over MAX_BODY_BYTES, 400 unparsable, 422 invalid. */
async function readMessage(request: IncomingMessage) {
  const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") throw new HttpError(415, "unsupported_media_type", "send the message as application/json");
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, "payload_too_large", `a message is at most ${MAX_BODY_BYTES} bytes`);
  const body = await readBody(request);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw new HttpError(400, "malformed_json", "the body is not valid UTF-8 JSON");
  }
  const parsed = CapturedMessageSchema.safeParse(value);
  if (!parsed.success) {
    const details = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join(".") || "(body)", issue.message]));
    throw new HttpError(422, "validation_failed", "not a captured message", details);
  }
  return parsed.data;
}

/** The body, up to MAX_BODY_BYTES; past that the rest is read and dropped while the 413 goes out. */
function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const fail = (error: HttpError) => {
      failed = true;
      chunks.length = 0;
      reject(error);
    };
    request.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) fail(new HttpError(413, "payload_too_large", `a message is at most ${MAX_BODY_BYTES} bytes`));
      else chunks.push(chunk);
    });
    request.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    request.on("error", () => {
      if (!failed) fail(new HttpError(400, "bad_request", "the body was cut off"));
    });
  });
}
