/**
 * POST MAIL_DELIVERY_PATH: the mail queue's sending, one end of an in-process hop (the other is
 * mail-route-client.ts): web/worker.js's `queue()` runs outside
 * the Next.js bundle, which holds the transports and the settings (zod, readEnv), so it hands each
 * job to OpenNext as a request to MAIL_DELIVERY_PATH, as the Cron Trigger does for the clean-up.
 *   204: sent (or already sent under its key); 422: rejected for good; 400: not a job; 503: retry later.
 */
import "server-only";
import { readEnv, type WebBindings } from "../env.ts";
import { deliverMailJob } from "./deliver-mail-job.ts";
import { EmailSendError } from "./email-message.ts";
import { MailRejected } from "./mail-consumer.ts";
import { parseMailJob } from "./mail-job.ts";

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/** The route's side (inside Next.js). */
export async function mailDeliveryRoute(
  request: Request,
  bindings: WebBindings,
  fetcher: typeof fetch = fetch,
): Promise<Response> {
  const job = parseMailJob(await request.json().catch(() => undefined));
  if (!job) return json(400, { code: "invalid_mail_job", message: "The body must be a mail job." });
  try {
    await deliverMailJob(readEnv(bindings).email, fetcher)(job);
    return new Response(null, { status: 204 });
  } catch (error) {
    if (error instanceof MailRejected) return json(422, { code: error.code, message: "The transport refuses this message." });
    const code = error instanceof EmailSendError ? error.code : "mail_failed";
    const status = error instanceof EmailSendError ? error.status : undefined;
    return json(503, { code, status, message: "The mail could not be sent now." });
  }
}
