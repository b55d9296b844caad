/**
 * The deployed transport: one POST to Resend's HTTP API (https://resend.com/docs/api-reference/emails/send-email).
 *
 * A plain fetch, not the `resend` SDK: the SDK (6.x) brings postal-mime and standardwebhooks
 * (parsing inbound mail, checking webhooks) into a worker held to 1.5 MiB gzip, for this one call.
 *
 * The one-line alternative is Cloudflare's Email Service (`[[send_email]] name = "EMAIL"` in
 * web/wrangler.toml, domain onboarded in the dashboard): the transport becomes
 *   (message) => env.EMAIL.send({ from, ...message }).then(() => undefined)
 */
import "server-only";
import { type EmailMessage, EmailSendError, type EmailTransport, type SendOptions } from "./email-message.ts";
import { idempotencyHeaders } from "./idempotency-header.ts";

export const RESEND_ENDPOINT = "https://api.resend.com/emails";

export type ResendOptions = { apiKey: string; from: string };

export function resendTransport({ apiKey, from }: ResendOptions, fetcher: typeof fetch = fetch): EmailTransport {
  return async function sendWithResend(message: EmailMessage, options?: SendOptions) {
    let response: Response;
    try {
      response = await fetcher(RESEND_ENDPOINT, {
        method: "POST",
        // Resend keeps one e-mail per Idempotency-Key for 24 hours (https://resend.com/docs/dashboard/emails/idempotency-keys).
        headers: idempotencyHeaders({ Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" }, options),
        body: JSON.stringify({ from, to: [message.to], subject: message.subject, html: message.html, text: message.text }),
      });
    } catch (error) {
      throw new EmailSendError("resend_unreachable", undefined, { cause: error });
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw new EmailSendError(resendErrorCode(body), response.status);
  };
}

/**
 * Resend's error body is `{ statusCode, name, message }`. `name` is one of a fixed set
 * (`validation_error`, `rate_limit_exceeded`, …) and safe to log; `message` may quote the address.
 */
function resendErrorCode(body: unknown): string {
  const name = typeof body === "object" && body !== null && "name" in body ? body.name : undefined;
  return typeof name === "string" && /^[a-z_]{1,64}$/.test(name) ? `resend_${name}` : "resend_failed";
}
