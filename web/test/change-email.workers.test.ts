// Changing the e-mail, inside workerd: the current password is required (a stolen cookie is not
// enough), the OLD address confirms first, then the new address's link changes it, once; the old
// address can say "this wasn't me", which cancels the change and signs out every session. Once
// the change is finished, every other session of the account is ended.
import fc from "fast-check";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import {
  CONFIRM_NEW,
  CONFIRM_OLD,
  cancelChange as cancel,
  changeReadyToFinish,
  confirmFromOldAddress,
  newAddress,
  oldAddressMail,
  requestChange,
  verifiedPerson,
} from "./email-change-helpers.ts";
import { actionLink, authPathOf, lastMail, mailTo } from "./mailbox-helpers.ts";
import {
  apiEnvWithAuthBinding,
  apiFetch,
  authPost,
  authRequest,
  issueToken,
  newClientAddress,
  PASSWORD,
  signIn,
  signUp,
  sql,
} from "./workers-helpers.ts";

const api = apiFetch(apiEnvWithAuthBinding().apiEnv);
const emailOf = async (userId: string) => (await sql(`select email from "user" where id = $1`, [userId]))[0]?.email;

describe("change e-mail: the password", () => {
  it("refuses a stolen cookie without the right password, before anything is mailed", async () => {
    const { userId, email, cookie } = await verifiedPerson();
    const newEmail = newAddress();
    const missing = await authPost("/change-email", cookie, { newEmail }, newClientAddress());
    expect([missing.status, await missing.json()]).toMatchObject([400, { code: "PASSWORD_REQUIRED" }]);
    for (const password of ["", "wrong password!", PASSWORD.toUpperCase(), "x".repeat(10_000)]) {
      const wrong = await authPost("/change-email", cookie, { newEmail, password }, newClientAddress());
      expect(wrong.status, password.slice(0, 20)).toBe(400);
      expect(await wrong.json()).toMatchObject({ code: password ? "INVALID_PASSWORD" : "PASSWORD_REQUIRED" });
    }
    expect(await mailTo(newEmail)).toEqual([]);
    expect((await mailTo(email)).filter((m) => CONFIRM_OLD.test(m.subject))).toEqual([]);
    expect(await emailOf(userId)).toBe(email);
  });

  it("refuses a signed-out session, even with the right password", async () => {
    const { email, cookie } = await verifiedPerson();
    await authPost("/sign-out", cookie);
    const response = await requestChange(cookie, newAddress());
    expect(response.status).toBe(401);
    expect((await mailTo(email)).filter((m) => CONFIRM_OLD.test(m.subject))).toEqual([]);
  });

  it("refuses to change an address that was never verified: it cannot confirm the change", async () => {
    const { userId, email, cookie } = await signUp();
    const response = await requestChange(cookie, newAddress());
    expect([response.status, await response.json()]).toMatchObject([403, { code: "CURRENT_EMAIL_NOT_VERIFIED" }]);
    expect(await emailOf(userId)).toBe(email);
  });
});

describe("change e-mail: the old address first", () => {
  it("mails the old address first; only its confirmation sends the new address the link that changes it, once", async () => {
    const { userId, email, cookie } = await verifiedPerson("Grace Hopper");
    const newEmail = newAddress();
    const response = await requestChange(cookie, newEmail, { callbackURL: "/settings" });
    expect(response.status).toBe(200);
    expect(await mailTo(newEmail)).toEqual([]);

    const { message, confirmToken } = await oldAddressMail(email);
    expect(message.text).toContain("Grace Hopper");
    expect(message.text).toContain(`from ${email} to ${newEmail}`);
    // The link opens a page (secretsOf: /email-change, token in the fragment), which acts only on a
    // button: a scanner that fetches it changes nothing.
    expect(await mailTo(newEmail)).toEqual([]);

    const confirmed = await confirmFromOldAddress(confirmToken);
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/email-change?result=confirmed");
    expect(await emailOf(userId)).toBe(email);

    const confirm = await lastMail(newEmail, CONFIRM_NEW);
    // The new address is not verified: its mail carries nothing the account chose (its name).
    expect(confirm.text).not.toContain("Grace Hopper");
    const link = new URL(actionLink(confirm));
    expect(link.searchParams.get("callbackURL")).toBe("/verify-email?flow=change-email");
    const opened = await authRequest(authPathOf(link.href), { headers: { Cookie: cookie } });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe("/verify-email?flow=change-email");
    expect(await emailOf(userId)).toBe(newEmail);

    const again = await authRequest(authPathOf(link.href));
    expect(again.headers.get("Location")).toBe("/verify-email?flow=change-email&error=INVALID_TOKEN");
    expect(await emailOf(userId)).toBe(newEmail);
  });

  it("answers alike for an address in use, and mails nobody", async () => {
    const taken = await signUp();
    const { userId, email, cookie } = await verifiedPerson();
    const before = (await mailTo(taken.email)).length;
    const response = await requestChange(cookie, taken.email);
    expect([response.status, await response.json()]).toEqual([200, { status: true }]);
    expect((await mailTo(taken.email)).length).toBe(before);
    expect((await mailTo(email)).filter((m) => CONFIRM_OLD.test(m.subject))).toEqual([]);
    expect(await emailOf(userId)).toBe(email);
  });

  it("refuses a signed-out request and a malformed address with a 4xx JSON error", async () => {
    const { cookie } = await verifiedPerson();
    expect((await authPost("/change-email", "", { newEmail: "a@example.test", password: PASSWORD })).status).toBe(401);
    for (const newEmail of ["", "not-an-address", 42, null, "a@b\r\nBcc: x@y.z"]) {
      // Each from its own address: five a minute per address is the limit.
      const response = await authPost("/change-email", cookie, { newEmail, password: PASSWORD }, newClientAddress());
      expect(response.status, JSON.stringify(newEmail)).toBe(400);
      expect(response.headers.get("Content-Type")).toMatch(/json/);
    }
  });
});

describe("change e-mail: the other devices once it is finished", () => {
  const sessionIds = async (userId: string) =>
    (await sql("select id from session where user_id = $1 order by id", [userId])).map((row) => String(row.id));
  const signedOutEvents = async (userId: string) =>
    (await sql("select kind from account_event where user_id = $1 and kind = 'device_signed_out'", [userId])).length;

  /** A person with three sessions and a change confirmed by the old address: the new address's link. */
  async function changeWithThreeSessions() {
    const { userId, email, cookie } = await verifiedPerson();
    const [phone, laptop] = [await signIn(email), await signIn(email)];
    const newEmail = newAddress();
    const link = await changeReadyToFinish(email, cookie, newEmail);
    return { userId, newEmail, cookie, phone, laptop, link };
  }

  it("ends every other session (the API refuses their tokens, each is a device signed out) and keeps the one that opened the link", async () => {
    const { userId, newEmail, cookie, phone, laptop, link } = await changeWithThreeSessions();
    // Asking for the change and confirming it from the old address ended nothing.
    expect((await sessionIds(userId)).length).toBe(3);
    const tokens = [await issueToken(phone), await issueToken(laptop)];
    const kept = await issueToken(cookie);
    const { session } = (await (await authRequest("/get-session", { headers: { Cookie: cookie } })).json()) as {
      session: { id: string };
    };

    const opened = await authRequest(authPathOf(link), { headers: { Cookie: cookie } });
    expect(opened.headers.get("Location")).toBe("/verify-email?flow=change-email");
    expect(await emailOf(userId)).toBe(newEmail);
    expect(await sessionIds(userId)).toEqual([session.id]);
    for (const token of tokens) {
      const response = await api(`https://api.test/api/${userId}/tasks`, { headers: { Authorization: `Bearer ${token}` } });
      expect([response.status, await response.json()]).toMatchObject([401, { code: "session_revoked" }]);
    }
    const stays = await api(`https://api.test/api/${userId}/tasks`, { headers: { Authorization: `Bearer ${kept}` } });
    expect(stays.status).toBe(200);
    expect(await signedOutEvents(userId)).toBe(2);
  });

  it("opened signed out, ends every session", async () => {
    const { userId, newEmail, link } = await changeWithThreeSessions();
    expect((await authRequest(authPathOf(link))).headers.get("Location")).toBe("/verify-email?flow=change-email");
    expect(await emailOf(userId)).toBe(newEmail);
    expect(await sessionIds(userId)).toEqual([]);
    expect(await signedOutEvents(userId)).toBe(3);
  });

  it("ends nothing for a link that changes nothing: a forged one while a change is pending, a used one", async () => {
    const { userId, newEmail, cookie, link } = await changeWithThreeSessions();
    const token = new URL(link).searchParams.get("token") ?? "";
    const { email } = (await sql(`select email from "user" where id = $1`, [userId]))[0] as { email: string };
    // What the real link carries, signed with a key that is not ours.
    const forged = await new SignJWT({ email, updateTo: newEmail, requestType: "change-email-verification", userId })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("not the secret of this app at all"));
    expect(token).not.toBe(forged);
    const forgedLink = new URL(link);
    forgedLink.searchParams.set("token", forged);
    const refused = await authRequest(authPathOf(forgedLink.href), { headers: { Cookie: cookie } });
    expect(refused.headers.get("Location")).toBe("/verify-email?flow=change-email&error=INVALID_TOKEN");
    expect((await sessionIds(userId)).length).toBe(3);

    expect((await authRequest(authPathOf(link), { headers: { Cookie: cookie } })).status).toBe(302);
    expect((await sessionIds(userId)).length).toBe(1);
    await signIn(newEmail);
    const again = await authRequest(authPathOf(link), { headers: { Cookie: cookie } });
    expect(again.headers.get("Location")).toBe("/verify-email?flow=change-email&error=INVALID_TOKEN");
    expect((await sessionIds(userId)).length).toBe(2);
  });
});

describe("change e-mail: this wasn't me", () => {
  it("cancels the change (its links stop working) and signs out every session: the API refuses their tokens", async () => {
    const { userId, email, cookie } = await verifiedPerson();
    const laptop = await signIn(email);
    const tokens = [await issueToken(cookie), await issueToken(laptop)];
    const newEmail = newAddress();
    expect((await requestChange(cookie, newEmail)).status).toBe(200);
    const { confirmToken, cancelToken } = await oldAddressMail(email);

    const cancelled = await cancel(cancelToken);
    expect([cancelled.status, await cancelled.json()]).toEqual([200, { status: true }]);
    expect(await sql("select id from session where user_id = $1", [userId])).toEqual([]);
    for (const token of tokens) {
      const response = await api(`https://api.test/api/${userId}/tasks`, { headers: { Authorization: `Bearer ${token}` } });
      expect([response.status, await response.json()]).toMatchObject([401, { code: "session_revoked" }]);
    }
    const confirm = await confirmFromOldAddress(confirmToken);
    expect(confirm.headers.get("Location")).toBe("/email-change?result=confirmed&error=INVALID_TOKEN");
    expect(await mailTo(newEmail)).toEqual([]);
    expect(await emailOf(userId)).toBe(email);
    // Once.
    expect([(await cancel(cancelToken)).status]).toEqual([400]);
  });

  it("cancels a change the old address confirmed by mistake: the new address's link stops working", async () => {
    const { userId, email, cookie } = await verifiedPerson();
    const newEmail = newAddress();
    await requestChange(cookie, newEmail);
    const { confirmToken, cancelToken } = await oldAddressMail(email);
    await confirmFromOldAddress(confirmToken);
    const link = actionLink(await lastMail(newEmail, CONFIRM_NEW));

    expect((await cancel(cancelToken)).status).toBe(200);
    const opened = await authRequest(authPathOf(link));
    expect(opened.headers.get("Location")).toBe("/verify-email?flow=change-email&error=INVALID_TOKEN");
    expect(await emailOf(userId)).toBe(email);
  });

  it("has nothing to cancel once the change is finished", async () => {
    const { userId, cookie, email } = await verifiedPerson();
    const newEmail = newAddress();
    await requestChange(cookie, newEmail);
    const { confirmToken, cancelToken } = await oldAddressMail(email);
    await confirmFromOldAddress(confirmToken);
    await authRequest(authPathOf(actionLink(await lastMail(newEmail, CONFIRM_NEW))));
    expect(await emailOf(userId)).toBe(newEmail);

    const late = await cancel(cancelToken);
    expect([late.status, await late.json()]).toMatchObject([400, { code: "INVALID_TOKEN" }]);
    // The link was opened signed out: the change ended every session of the account.
    expect(await sql("select id from session where user_id = $1", [userId])).toEqual([]);
  });

  it("refuses an expired change's links", async () => {
    const { email, cookie } = await verifiedPerson();
    await requestChange(cookie, newAddress());
    const { confirmToken, cancelToken } = await oldAddressMail(email);
    await sql("update verification set expires_at = now() - interval '1 second' where identifier = $1", [
      `email-change:${cancelToken}`,
    ]);
    const confirm = await confirmFromOldAddress(confirmToken);
    expect(confirm.headers.get("Location")).toBe("/email-change?result=confirmed&error=INVALID_TOKEN");
    expect((await cancel(cancelToken)).status).toBe(400);
  });

  it("answers any other cancel token with a 4xx JSON error, never a 5xx (property)", async () => {
    const hostile = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.stringMatching(/^[A-Za-z0-9]{32}$/),
      // A NUL and a lone surrogate: strings Postgres itself refuses (they once made a 500 there).
      fc.constantFrom<unknown>(
        null,
        42,
        [],
        {},
        "%00",
        "\u0000",
        `${"A".repeat(31)}\u0000`,
        "\ud800",
        "' or 1=1 --",
        "../../etc/passwd",
      ),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (token) => {
        const response = await cancel(token);
        expect(response.status, JSON.stringify(token)).toBeGreaterThanOrEqual(400);
        expect(response.status, JSON.stringify(token)).toBeLessThan(500);
        expect(response.headers.get("Content-Type")).toMatch(/json/);
      }),
      { numRuns: 25 },
    );
  });
});
