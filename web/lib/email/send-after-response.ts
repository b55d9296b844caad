/**
 * Mail goes out after the response: the request does not wait for the provider, so its timing
 * does not tell whether an address exists, and a failed send never fails the user's action.
 * A failure is logged as one JSON line with the request id, the kind of mail and a safe error code;
 * never the address, the link or its token (a provider's error message may quote them).
 */
import "server-only";
import { logLine } from "../log/log-line.ts";
import type { WaitUntil } from "../worker-context.ts";
import { EmailSendError } from "./email-message.ts";

export type SendAfterResponseOptions = {
  /** Correlates the log line with the request (`requestIdOf(request)`). */
  requestId: string;
  /** Which mail, e.g. "verify-email": says what was lost without saying to whom. */
  kind?: string;
  /** Where the failure line goes (console.error by default; tests pass their own). */
  log?: (line: string) => void;
};

export function sendAfterResponse(
  ctx: WaitUntil,
  send: () => Promise<void>,
  { requestId, kind = "email", log = console.error }: SendAfterResponseOptions,
): void {
  const report = (error: unknown, event = "email_send_failed") => {
    const safe = error instanceof EmailSendError ? { error: error.code, status: error.status } : { error: errorName(error) };
    // logLine: the request id comes from a header (cf-ray, set by the client under `next dev`).
    log(logLine({ level: "error", event, kind, requestId, ...safe }));
  };
  // A synchronous throw from `send` becomes a rejection too, caught below.
  const delivery = Promise.resolve()
    .then(send)
    .catch((error: unknown) => report(error));
  try {
    ctx.waitUntil(delivery);
  } catch (error) {
    // No context to extend (called after the response ended, or outside a request): the send
    // still runs as long as the isolate does; the request must not fail for it.
    report(error, "email_send_not_awaited");
  }
}

/** Only the error's class name: its message may hold an address or a token. */
function errorName(error: unknown): string {
  return error instanceof Error && /^[A-Za-z]{1,64}$/.test(error.name) ? error.name : "unknown";
}

/** The request id to log: Cloudflare's `cf-ray`, else a fresh one (next dev, tests). */
export function requestIdOf(request: Request | undefined): string {
  return request?.headers.get("cf-ray")?.slice(0, 64) || crypto.randomUUID();
}
