/**
 * How the account mail leaves a request: into the mail queue when the worker has one (MAIL_QUEUE:
 * preview, staging, production; the consumer then sends it with retries, mail-consumer.ts), else
 * straight to the transport (`npm run dev`: `next dev` runs no queue consumer, so the top level of
 * web/wrangler.toml declares no queue and dev mail goes directly to the dev mailbox).
 * Either way it runs after the response (send-after-response.ts).
 */
import "server-only";
import type { EmailConfig } from "../env.ts";
import type { EmailMessage } from "./email-message.ts";
import { type MailJob, mailJob } from "./mail-job.ts";
import { checkMessage, createSendEmail } from "./send-email.ts";

/** Sends (or enqueues) one mail of `kind`. */
export type MailSender = (kind: string, message: EmailMessage) => Promise<void>;

/** The producer side of the queue (a Workers `Queue<MailJob>`): only `send` is used. */
export type MailQueue = { send(body: MailJob, options?: { contentType?: "json" }): Promise<unknown> };

export function mailSender(config: EmailConfig, queue: MailQueue | undefined): MailSender {
  if (!queue) {
    const sendEmail = createSendEmail(config);
    return (_kind, message) => sendEmail(message);
  }
  return async (kind, message) => {
    // A message no transport would take fails here, in the request's log, not after retries.
    checkMessage(message);
    await queue.send(mailJob(kind, message), { contentType: "json" });
  };
}
