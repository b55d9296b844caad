/**
 * One e-mail as the app sends it: one recipient, a subject, an HTML part and a plain-text part.
 * The sender's address comes from configuration (EMAIL_FROM), never from the caller.
 */
export type EmailMessage = {
  to: string;
  subject: string;
  html: string;
  text: string;
};

/** What a delivery may carry besides the message. */
export type SendOptions = {
  /** The same key on a repeat makes the receiver keep one message (mail-job.ts). */
  idempotencyKey?: string;
};

/** Delivers one message, or throws an EmailSendError. */
export type EmailTransport = (message: EmailMessage, options?: SendOptions) => Promise<void>;

/**
 * A failed delivery, described without the message: its `code` and `status` are safe to log (no
 * address, no link, no token), unlike a provider's free-text error message.
 */
export class EmailSendError extends Error {
  override name = "EmailSendError";
  readonly code: string;
  readonly status: number | undefined;
  constructor(code: string, status?: number, options?: { cause?: unknown }) {
    super(status === undefined ? code : `${code} (HTTP ${status})`, options);
    this.code = code;
    this.status = status;
  }
}
