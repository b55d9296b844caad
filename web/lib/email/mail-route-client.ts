/**
 * The mail queue consumer's end of the hop to MAIL_DELIVERY_PATH (mail-route.ts says why there is
 * one): a DeliverMail that posts the job to the route inside the Next.js bundle and reads its answer
 * back as the consumer's outcomes. No "server-only", no zod: it runs in web/worker.js's bundle.
 */
import { MAIL_DELIVERY_PATH } from "../maintenance/internal-route.ts";
import { EmailSendError } from "./email-message.ts";
import { type DeliverMail, MailRejected } from "./mail-consumer.ts";

export function deliverThroughRoute(fetchInProcess: (request: Request) => Promise<Response>): DeliverMail {
  return async (job) => {
    const response = await fetchInProcess(
      new Request(`https://queue.invalid${MAIL_DELIVERY_PATH}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(job),
      }),
    );
    if (response.status === 204) return;
    const body: unknown = await response.json().catch(() => undefined);
    const code = safeCode(body);
    if (response.status === 400 || response.status === 422) throw new MailRejected(code);
    throw new EmailSendError(code, safeStatus(body) ?? response.status);
  };
}

function safeCode(body: unknown): string {
  const code = typeof body === "object" && body !== null && "code" in body ? body.code : undefined;
  return typeof code === "string" && /^[a-z_]{1,64}$/.test(code) ? code : "mail_failed";
}

function safeStatus(body: unknown): number | undefined {
  const status = typeof body === "object" && body !== null && "status" in body ? body.status : undefined;
  return typeof status === "number" && Number.isInteger(status) ? status : undefined;
}
