// The account-mail wiring's own decisions (web/lib/auth/account-mail.ts), in Node: where every
// verification link returns, and that mail to an address nobody has proved carries nothing the
// requester chose (every callback, into a real dev mailbox). When verification is required is the
// environment's (env.node.test.ts).
import fc from "fast-check";
import { UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Mailbox, type StoredMessage, startMailbox } from "../../scripts/mailbox/index.ts";
import { accountMail, verificationLink } from "../lib/auth/account-mail.ts";
import { readEnv, type WebBindings } from "../lib/env.ts";

const BINDINGS: WebBindings = {
  APP_ENV: "development",
  BETTER_AUTH_SECRET: "vNE3tzhwY1NlZ2HL0atauD0186WFDHvp8oBOCsROheA=",
  BETTER_AUTH_URL: "http://localhost:3000",
  DATABASE_URL: "postgres://app@127.0.0.1:5432/app",
  API_URL: "http://localhost:8787",
};

describe("verificationLink", () => {
  const link = "http://localhost:3000/api/auth/verify-email?token=abc.def.ghi&callbackURL=%2Fdashboard";

  it("returns every link to /verify-email, keeping the token", () => {
    const url = new URL(verificationLink(link));
    expect(url.origin + url.pathname).toBe("http://localhost:3000/api/auth/verify-email");
    expect(url.searchParams.get("token")).toBe("abc.def.ghi");
    expect(url.searchParams.get("callbackURL")).toBe("/verify-email");
    expect(new URL(verificationLink(link, "change-email")).searchParams.get("callbackURL")).toBe(
      "/verify-email?flow=change-email",
    );
  });

  it("replaces whatever callback the request asked for, another site's included", () => {
    fc.assert(
      fc.property(fc.string(), (callback) => {
        const asked = `http://localhost:3000/api/auth/verify-email?token=t&callbackURL=${encodeURIComponent(callback)}`;
        const url = new URL(verificationLink(asked));
        expect(url.searchParams.getAll("callbackURL")).toEqual(["/verify-email"]);
        expect(url.origin).toBe("http://localhost:3000");
      }),
    );
  });
});

describe("every account mail, as a class", () => {
  let mailbox: Mailbox;
  beforeAll(async () => {
    mailbox = await startMailbox({ port: 0, log: () => {} });
  });
  afterAll(() => mailbox.stop());

  const USER = { id: "u1", email: "owner@example.test", createdAt: new Date(0), updatedAt: new Date(0), image: null };
  const NEW_ADDRESS = "new@example.test";
  const URL_ = "http://localhost:3000/api/auth/verify-email?token=t&callbackURL=%2F";
  const tokens = {
    "sign-up": new UnsecuredJWT({ email: USER.email, userId: USER.id }).encode(),
    "change-email": new UnsecuredJWT({
      email: USER.email,
      updateTo: NEW_ADDRESS,
      userId: USER.id,
      requestType: "change-email-verification",
    }).encode(),
  };

  /** Every function in the options (Better Auth's mail callbacks), found by walking them. */
  function callbacks(options: object, path = ""): [string, (...args: unknown[]) => unknown][] {
    return Object.entries(options).flatMap(([key, value]) => {
      if (typeof value === "function") return [[`${path}${key}`, value as (...args: unknown[]) => unknown]];
      return value && typeof value === "object" ? callbacks(value, `${path}${key}.`) : [];
    });
  }

  /** Every mail the callbacks send for this user, with a verification token of `kind`. */
  async function mailsFor(user: { name: string; emailVerified: boolean }, kind: keyof typeof tokens): Promise<StoredMessage[]> {
    await fetch(`${mailbox.url}/api/messages`, { method: "DELETE" });
    const pending: Promise<unknown>[] = [];
    const env = readEnv({ ...BINDINGS, MAIL_CAPTURE_URL: mailbox.url });
    const options = accountMail(env, { waitUntil: (promise) => pending.push(promise) }, async () => true);
    const whole = { ...USER, ...user };
    // One argument fits every callback's shape: ({ user, url, token }, request) and (user, request).
    const argument = {
      ...whole,
      user: whole,
      url: URL_,
      token: tokens[kind],
      newEmail: NEW_ADDRESS,
      confirmUrl: URL_,
      cancelUrl: URL_,
    };
    for (const [, callback] of callbacks(options)) await callback(argument, undefined);
    await Promise.all(pending);
    const { messages } = (await (await fetch(`${mailbox.url}/api/messages`)).json()) as { messages: StoredMessage[] };
    return messages.sort((a, b) => `${a.to}${a.subject}`.localeCompare(`${b.to}${b.subject}`));
  }

  const content = (messages: StoredMessage[]) => messages.map(({ to, subject, text, html }) => ({ to, subject, text, html }));

  it("sends the same mail to an unverified address whatever the name (property), and the name appears nowhere", async () => {
    for (const kind of Object.keys(tokens) as (keyof typeof tokens)[]) {
      const reference = content(await mailsFor({ name: "Ada", emailVerified: false }, kind));
      expect(reference.length).toBeGreaterThan(3);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.constant("Your account is locked - call +1 555 0100 or visit evil.example"),
            fc.string({ minLength: 1, maxLength: 100 }),
          ),
          async (name) => {
            expect(content(await mailsFor({ name, emailVerified: false }, kind))).toEqual(reference);
          },
        ),
        { numRuns: 25 },
      );
      for (const message of reference) expect(`${message.subject}${message.text}${message.html}`).not.toContain("Ada");
    }
  });

  it("keeps the name out of the mail to a new address even for a verified account", async () => {
    const name = "Your account is locked - call +1 555 0100 or visit evil.example";
    const messages = await mailsFor({ name, emailVerified: true }, "change-email");
    const toNewAddress = messages.filter((message) => message.to === NEW_ADDRESS);
    expect(toNewAddress).toHaveLength(1);
    expect(`${toNewAddress[0]?.subject}${toNewAddress[0]?.text}${toNewAddress[0]?.html}`).not.toContain(name);
    // The verified owner's own mail (the confirmation to the old address) still greets them by name.
    expect(messages.find((message) => message.to === USER.email && /Confirm the change/.test(message.subject))?.text).toContain(
      `Hi ${name},`,
    );
  });
});
