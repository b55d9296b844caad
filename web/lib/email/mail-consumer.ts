/**
 * The mail queue's consumer (web/worker.js `queue()`): delivers each job, acknowledging it once it
 * is sent, retrying it later with a growing delay when the transport failed, and never retrying what
 * cannot succeed (a body that is not a job, a message the transport refuses as malformed).
 * After `max_retries` (web/wrangler.toml) the queue moves a job to the dead-letter queue, whose
 * consumer, `logDeadLetters`, logs it as an error and drops it.
 *
 * Log lines name the kind of mail, its key and the attempt, never the recipient, subject or links.
 * No import of "server-only" or zod: this runs in web/worker.js's bundle, outside Next.js.
 */
import { EmailSendError } from "./email-message.ts";
import { kindOf, type MailJob, parseMailJob } from "./mail-job.ts";

/** Sends one job, or throws: an EmailSendError for a failure worth a retry, MailRejected for none. */
export type DeliverMail = (job: MailJob) => Promise<void>;

/** A job the transport will never accept (a malformed message): acknowledged and logged, not retried. */
export class MailRejected extends Error {
  override name = "MailRejected";
  readonly code: string;
  constructor(code: string) {
    super(code);
    this.code = code;
  }
}

/** Delays of 5, 10, 20, … seconds, at most 10 minutes: an outage of a minute costs a few retries. */
export function retryDelaySeconds(attempts: number): number {
  const attempt = Number.isSafeInteger(attempts) && attempts > 0 ? attempts : 1;
  return Math.min(5 * 2 ** Math.min(attempt - 1, 10), 600);
}

type Log = (line: string) => void;

/** What the consumer uses of a Workers queue `Message` (declared here: scripts and benches lack the Workers types). */
export type QueueMessage = {
  readonly id: string;
  readonly body: unknown;
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
};

/** What the consumer uses of a Workers `MessageBatch`. */
export type QueueBatch = { readonly queue: string; readonly messages: readonly QueueMessage[] };

export async function consumeMailBatch(
  batch: QueueBatch,
  deliver: DeliverMail,
  log: { error: Log; warn: Log } = console,
): Promise<void> {
  // One at a time: a batch is at most a few mails, and a failing provider is not hammered in parallel.
  for (const message of batch.messages) {
    await consumeOne(message, deliver, log);
  }
}

async function consumeOne(message: QueueMessage, deliver: DeliverMail, log: { error: Log; warn: Log }): Promise<void> {
  const line = (level: "error" | "warn", event: string, fields: Record<string, unknown>) =>
    (level === "error" ? log.error : log.warn)(JSON.stringify({ level, event, attempts: message.attempts, ...fields }));
  let job: MailJob | undefined;
  try {
    job = parseMailJob(message.body);
  } catch {
    job = undefined;
  }
  if (!job) {
    // Retrying cannot make it a job: drop it, loudly.
    line("error", "mail_job_malformed", { kind: kindOf(message.body), id: safeId(message.id) });
    message.ack();
    return;
  }
  const { kind, idempotencyKey } = job;
  try {
    await deliver(job);
    message.ack();
  } catch (error) {
    if (error instanceof MailRejected) {
      line("error", "mail_rejected", { kind, idempotencyKey, error: error.code });
      message.ack();
      return;
    }
    const delaySeconds = retryDelaySeconds(message.attempts);
    const safe = error instanceof EmailSendError ? { error: error.code, status: error.status } : { error: "unknown" };
    line("warn", "mail_retry", { kind, idempotencyKey, delaySeconds, ...safe });
    message.retry({ delaySeconds });
  }
}

/** The dead-letter queue's consumer: each job that ran out of retries is one error line, then dropped. */
export function logDeadLetters(batch: QueueBatch, log: Log = console.error): void {
  for (const message of batch.messages) {
    const job = parseMailJob(message.body);
    log(
      JSON.stringify({
        level: "error",
        event: "mail_dead_letter",
        kind: kindOf(message.body),
        ...(job ? { idempotencyKey: job.idempotencyKey } : {}),
        queue: batch.queue,
      }),
    );
    message.ack();
  }
}

/** Whether a batch comes from a dead-letter queue (web/wrangler.toml names them `…-dlq`). */
export function isDeadLetterQueue(name: string): boolean {
  return name.endsWith("-dlq");
}

/** Queue message ids are hex; anything else is not logged as is. */
function safeId(id: unknown): string {
  return typeof id === "string" && /^[A-Za-z0-9-]{1,64}$/.test(id) ? id : "unknown";
}
