/** The dev mailbox (started by test/global-setup.ts), read from inside workerd as a person reads it. */
import { env } from "cloudflare:workers";
import type { StoredMessage } from "../../scripts/mailbox/captured-message.ts";

/** Every message to `address`, newest first. */
export async function mailTo(address: string): Promise<StoredMessage[]> {
  const response = await fetch(`${env.MAIL_CAPTURE_URL}/api/messages?to=${encodeURIComponent(address)}`);
  return ((await response.json()) as { messages: StoredMessage[] }).messages;
}

/** The newest message to `address` whose subject matches; fails the test when there is none. */
export async function lastMail(address: string, subject: RegExp): Promise<StoredMessage> {
  const message = (await mailTo(address)).find((each) => subject.test(each.subject));
  if (!message) throw new Error(`no mail to ${address} matching ${subject}`);
  return message;
}

/** The message's action link: the first link that is not the footer's link to the home page. */
export function actionLink(message: StoredMessage): string {
  const link = message.links.find((each) => new URL(each).pathname !== "/");
  if (!link) throw new Error(`no action link in "${message.subject}"`);
  return link;
}

/** The path and query of an absolute link, for authRequest (which adds /api/auth). */
export function authPathOf(link: string): string {
  const url = new URL(link);
  if (!url.pathname.startsWith("/api/auth/")) throw new Error(`not a Better Auth link: ${link}`);
  return url.pathname.slice("/api/auth".length) + url.search;
}
