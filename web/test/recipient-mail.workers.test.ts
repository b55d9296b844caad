// What the app mails to an address nobody has proved, inside workerd through Better Auth's handler
// and the dev mailbox: no text the requester chose (a name such as "Your account is locked - call
// …" would otherwise reach anyone in a mail from the app's domain), and at most three mails of a
// kind an hour per address, whoever asks, counted in Postgres after the response.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { recipientKey } from "../lib/email/recipient-limit.ts";
import { newBrowser } from "./browser-helpers.ts";
import { actionLink, authPathOf, lastMail, mailTo } from "./mailbox-helpers.ts";
import { authRequest, newClientAddress, ORIGIN, PASSWORD, sql } from "./workers-helpers.ts";

const newAddress = () => `${crypto.randomUUID()}@example.test`;
const PHISHING = "Your account is locked - call +1 555 0100 or visit evil.example";
const signUp = (email: string, name: string, password = PASSWORD) =>
  newBrowser().post("/sign-up/email", { name, email, password });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("mail to an unverified address", () => {
  it("carries no name the requester chose, in every flow that mails one (property)", async () => {
    const names = fc.oneof(
      fc.constant(PHISHING),
      // Names the app accepts (1–100 characters), long enough not to occur in a mail by chance.
      fc.string({ minLength: 12, maxLength: 100 }).filter((name) => name.trim().length >= 12),
    );
    await fc.assert(
      fc.asyncProperty(names, names, async (first, second) => {
        const email = newAddress();
        const owner = newAddress();
        expect((await signUp(email, first)).status).toBe(200); // verification link
        expect((await newBrowser().post("/send-verification-email", { email })).status).toBe(200); // resent link
        expect((await signUp(email, second, "another password")).status).toBe(200); // the second sign-up's link
        expect((await newBrowser().post("/request-password-reset", { email })).status).toBe(200); // reset link
        // A verified owner: the notice of a sign-up with their address.
        const ownerBrowser = newBrowser();
        await ownerBrowser.post("/sign-up/email", { name: "Owner", email: owner, password: PASSWORD });
        await ownerBrowser.open(authPathOf(actionLink(await lastMail(owner, /^Verify/))));
        expect((await signUp(owner, first)).status).toBe(200);

        const mails = [...(await mailTo(email)), ...(await mailTo(owner))];
        expect(mails.map((mail) => mail.subject).sort()).toEqual(
          [
            ...Array(3).fill("Verify your e-mail for Edge Tasks"),
            "Reset your Edge Tasks password",
            "Verify your e-mail for Edge Tasks",
            "Someone tried to sign up for Edge Tasks with your e-mail",
          ].sort(),
        );
        for (const mail of mails)
          for (const name of [first, second])
            for (const part of [mail.subject, mail.text, mail.html])
              expect(part.includes(name) || part.includes(name.trim()), `${mail.subject}: ${name}`).toBe(false);
      }),
      { numRuns: 4 },
    );
  });
});

describe("the per-recipient limit", () => {
  it("mails an address at most three links an hour, whoever asks; drops the rest with a log line that names no one", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const email = newAddress();
    await signUp(email, "Ada");
    // Four more, each from a client of its own (the per-client limit is three a minute).
    for (let i = 0; i < 4; i++) expect((await newBrowser().post("/send-verification-email", { email })).status).toBe(200);
    expect(await mailTo(email)).toHaveLength(3);

    const lines = warn.mock.calls.map(([line]) => String(line)).filter((line) => line.includes("email_dropped"));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(JSON.parse(line)).toEqual({
        level: "warn",
        event: "email_dropped",
        reason: "recipient_limit",
        kind: "verify-email",
        requestId: expect.any(String),
      });
      expect(line).not.toContain(email);
      expect(line).not.toContain((await recipientKey("verify-email", email)).slice("mail:verify-email:".length));
    }

    // Counted under the address's hash; no row holds the address.
    const [row] = await sql("select count from rate_limit where key = $1", [await recipientKey("verify-email", email)]);
    expect(Number(row?.count)).toBeGreaterThan(3);
    expect(await sql("select key from rate_limit where key like $1", [`%${email}%`])).toEqual([]);

    // Another kind has a count of its own: the owner can still reset their password.
    expect((await newBrowser().post("/request-password-reset", { email })).status).toBe(200);
    expect((await mailTo(email)).filter((mail) => /^Reset your/.test(mail.subject))).toHaveLength(1);

    // An hour later (the window's start moved back), links arrive again.
    await sql("update rate_limit set last_request = last_request - 3600000 where key = $1", [
      await recipientKey("verify-email", email),
    ]);
    await newBrowser().post("/send-verification-email", { email });
    expect((await mailTo(email)).filter((mail) => /^Verify/.test(mail.subject))).toHaveLength(4);
  });

  it("logs a dropped mail's request id escaped: one line, whatever the client sent as cf-ray", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const email = newAddress();
    await signUp(email, "Ada");
    for (let i = 0; i < 2; i++) await newBrowser().post("/send-verification-email", { email });
    const forged = '\u0085{"level":"error","event":"forged"}\u009b';
    await authRequest("/send-verification-email", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress(), "cf-ray": forged },
      body: JSON.stringify({ email }),
    });
    const [line] = warn.mock.calls.map(([each]) => String(each)).filter((each) => each.includes("email_dropped"));
    expect(line).toBeDefined();
    expect(line).not.toMatch(/[\u0085\u009b\n\r]/);
    expect(JSON.parse(line as string)).toMatchObject({ event: "email_dropped", requestId: forged });
  });

  it("is not reopened by the rate limit's pruning before its hour is over", async () => {
    const [open, over] = [`mail:test:${crypto.randomUUID()}`, `mail:test:${crypto.randomUUID()}`];
    const now = Date.now();
    await sql("insert into rate_limit (id, key, count, last_request) values ($1, $1, 4, $2), ($3, $3, 4, $4)", [
      open,
      now - 30 * 60_000,
      over,
      now - 3 * 60 * 60_000,
    ]);
    // A sign-up from a new client address starts a rate-limit window, which prunes old rows.
    await signUp(newAddress(), "Ada");
    expect(await sql("select key from rate_limit where key in ($1, $2)", [open, over])).toEqual([{ key: open }]);
  });
});
