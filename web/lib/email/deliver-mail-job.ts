/**
 * How the mail queue's consumer sends a job (mail-consumer.ts `DeliverMail`): over the transport
 * the configuration names, with the job's idempotency key. A message no transport takes (checked by
 * send-email.ts) or one the provider refuses as invalid (HTTP 422) is rejected for good; every
 * other failure (unreachable, 5xx, 429) is worth a retry.
 */
import "server-only";
import type { EmailConfig } from "../env.ts";
import { EmailSendError } from "./email-message.ts";
import { type DeliverMail, MailRejected } from "./mail-consumer.ts";
import { createSendEmail } from "./send-email.ts";

export function deliverMailJob(config: EmailConfig, fetcher: typeof fetch = fetch): DeliverMail {
  const sendEmail = createSendEmail(config, fetcher);
  return async (job) => {
    try {
      await sendEmail(job.message, { idempotencyKey: job.idempotencyKey });
    } catch (error) {
      if (error instanceof EmailSendError && (error.code === "invalid_message" || error.status === 422))
        throw new MailRejected(error.code);
      throw error;
    }
  };
}
