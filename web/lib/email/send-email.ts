/**
 * `sendEmail(message)`: the one way the web worker sends mail, over the transport that
 * `readEnv` chose (its `email`) (Resend when deployed, the dev mailbox locally).
 */

import "server-only";
import type { EmailConfig } from "../env.ts";
import { captureTransport } from "./capture-transport.ts";
import { type EmailMessage, EmailSendError, type EmailTransport, type SendOptions } from "./email-message.ts";
import { resendTransport } from "./resend-transport.ts";

export type SendEmail = EmailTransport;

// One plain address: no display name, no list, no CR or LF. A value such as "a@x.example, b@y.example"
// or one carrying a newline could otherwise add recipients or header lines in a provider's MIME.
const SINGLE_ADDRESS = /^[^\s<>,;:"()[\]\\@]+@[^\s<>,;:"()[\]\\@]+$/;

/**
 * @param config `readEnv(env).email`
 * @param fetcher the fetch to send with (tests pass their own)
 * @example
 * const sendEmail = createSendEmail(readEnv(env).email);
 * await sendEmail(verifyEmail(links, { name: user.name, url }, user.email));
 */
export function createSendEmail(config: EmailConfig, fetcher: typeof fetch = fetch): SendEmail {
  const transport =
    config.transport === "resend"
      ? resendTransport({ apiKey: config.apiKey, from: config.from }, fetcher)
      : captureTransport({ captureUrl: config.captureUrl, from: config.from }, fetcher);
  return async function sendEmail(message: EmailMessage, options?: SendOptions) {
    checkMessage(message);
    await transport(message, options);
  };
}

/** Throws EmailSendError("invalid_message") for a message no transport should take. */
export function checkMessage(message: EmailMessage): void {
  if (!SINGLE_ADDRESS.test(message.to) || /[\r\n]/.test(message.subject)) {
    throw new EmailSendError("invalid_message");
  }
}
