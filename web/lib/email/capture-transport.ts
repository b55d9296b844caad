/**
 * The local transport: the message, as JSON, to the dev mailbox (scripts/mailbox/) on loopback.
 * Nothing leaves the machine; a person reads it in the browser, the tests through its JSON API.
 * A POST rather than SMTP because a worker has no SMTP client without TCP sockets, and the
 * mailbox then needs no MIME parser. The mailbox keeps one message per `Idempotency-Key`, as Resend does.
 */
import "server-only";
import { type EmailMessage, EmailSendError, type EmailTransport, type SendOptions } from "./email-message.ts";
import { idempotencyHeaders } from "./idempotency-header.ts";

export type CaptureOptions = { captureUrl: string; from: string };

export function captureTransport({ captureUrl, from }: CaptureOptions, fetcher: typeof fetch = fetch): EmailTransport {
  const endpoint = new URL("/messages", captureUrl).toString();
  return async function sendToMailbox(message: EmailMessage, options?: SendOptions) {
    let response: Response;
    try {
      response = await fetcher(endpoint, {
        method: "POST",
        headers: idempotencyHeaders({ "Content-Type": "application/json" }, options),
        body: JSON.stringify({ from, ...message }),
      });
    } catch (error) {
      throw new EmailSendError("mailbox_unreachable", undefined, { cause: error });
    }
    await response.body?.cancel();
    if (!response.ok) throw new EmailSendError("mailbox_refused", response.status);
  };
}
