/**
 * One account mail on its way through the mail queue (MAIL_QUEUE in web/wrangler.toml): the
 * message, which kind of mail it is (for the logs: what was lost, never to whom) and its
 * idempotency key, made once at enqueue time. Every delivery attempt carries the same key, so a
 * retry after an answer that got lost (the provider sent it, the consumer never heard) is not sent
 * twice: Resend and the dev mailbox both keep one message per key.
 *
 * Checked by hand, not with zod: the queue consumer runs in web/worker.js's own bundle, outside
 * the Next.js one, and stays small there.
 */
import type { EmailMessage } from "./email-message.ts";

export type MailJob = {
  kind: string;
  idempotencyKey: string;
  message: EmailMessage;
};

/** Kinds are ours ("verify-email", …): short, lowercase words, safe to log. */
const KIND = /^[a-z][a-z-]{0,63}$/;
/** Resend takes keys up to 256 characters; ours are UUIDs. Printable ASCII only: it is a header. */
const KEY = /^[\x21-\x7e]{1,256}$/;
/** Far above any account mail: a bigger body is not ours. */
const MAX_FIELD_CHARS = 100_000;

export function mailJob(kind: string, message: EmailMessage): MailJob {
  return { kind, idempotencyKey: crypto.randomUUID(), message };
}

/** The job in a queue message's body, or undefined when the body is not one (never throws). */
export function parseMailJob(body: unknown): MailJob | undefined {
  if (!isRecord(body) || !isRecord(body.message)) return undefined;
  const { kind, idempotencyKey, message } = body;
  if (typeof kind !== "string" || !KIND.test(kind)) return undefined;
  if (typeof idempotencyKey !== "string" || !KEY.test(idempotencyKey)) return undefined;
  const { to, subject, html, text } = message;
  for (const field of [to, subject, html, text]) {
    if (typeof field !== "string" || field.length > MAX_FIELD_CHARS) return undefined;
  }
  return { kind, idempotencyKey, message: { to, subject, html, text } as EmailMessage };
}

/** The kind to log for any body: the job's own when it has a well-formed one, else "unknown". */
export function kindOf(body: unknown): string {
  return isRecord(body) && typeof body.kind === "string" && KIND.test(body.kind) ? body.kind : "unknown";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
