/** An e-mail change walked through as a person does it (web/test/change-email.workers.test.ts says the rules). */
import { expect } from "vitest";
import { confirmEmailChangeUrl } from "../lib/auth/ui/email-change-links.ts";
import type { WebBindings } from "../lib/env.ts";
import { actionLink, authPathOf, lastMail } from "./mailbox-helpers.ts";
import { authEnv, authPost, authRequest, newClientAddress, ORIGIN, PASSWORD, signUp, sql } from "./workers-helpers.ts";

export const CONFIRM_OLD = /^Confirm the change of your/;
export const CONFIRM_NEW = /^Confirm your new e-mail/;

export const newAddress = () => `${crypto.randomUUID()}@example.test`;

/** A signed-up person whose address is verified, as every session's is where verification is required. */
export async function verifiedPerson(name = "Grace Hopper") {
  const person = await signUp(name);
  await sql(`update "user" set email_verified = true where id = $1`, [person.userId]);
  return person;
}

/** The secrets in the fragment of a link to the /email-change page. */
export function secretsOf(link: string): URLSearchParams {
  const url = new URL(link);
  expect(url.pathname).toBe("/email-change");
  expect(url.search).toBe("");
  return new URLSearchParams(url.hash.slice(1));
}

/** The old address's mail: its confirm token and its cancel token. */
export async function oldAddressMail(email: string) {
  const message = await lastMail(email, CONFIRM_OLD);
  const confirm = secretsOf(actionLink(message));
  const cancelLink = message.links.find((link) => new URL(link).hash.startsWith("#cancel="));
  if (!cancelLink) throw new Error("no cancel link");
  return { message, confirmToken: confirm.get("confirm") ?? "", cancelToken: secretsOf(cancelLink).get("cancel") ?? "" };
}

/** What the /email-change page's "confirm" button does. */
export const confirmFromOldAddress = (token: string) =>
  authRequest(authPathOf(`http://localhost${confirmEmailChangeUrl(token)}`));

/** Asks for the change with the password, from an address of its own (5 a minute per address). */
export const requestChange = (cookie: string, newEmail: string, extra: Record<string, unknown> = {}) =>
  authPost("/change-email", cookie, { newEmail, password: PASSWORD, ...extra }, newClientAddress());

/** What the /email-change page's "this wasn't me" button does. */
export const cancelChange = (token: unknown, env: WebBindings = authEnv) =>
  authRequest(
    "/email-change/cancel",
    {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress() },
      body: JSON.stringify({ token }),
    },
    env,
  );

/**
 * Asks for a change to a new address and confirms it from the old one: the new address's link,
 * which finishes the change when opened.
 */
export async function changeReadyToFinish(email: string, cookie: string, newEmail = newAddress()): Promise<string> {
  expect((await requestChange(cookie, newEmail)).status).toBe(200);
  const { confirmToken } = await oldAddressMail(email);
  expect((await confirmFromOldAddress(confirmToken)).status).toBe(302);
  return actionLink(await lastMail(newEmail, CONFIRM_NEW));
}
