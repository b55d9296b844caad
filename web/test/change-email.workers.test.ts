// Changing the e-mail, inside workerd: the link goes to the new address, a notice to the old one,
// and the address changes only when the link is opened, once.
import { describe, expect, it } from "vitest";
import { actionLink, authPathOf, lastMail, mailTo } from "./mailbox-helpers.ts";
import { authPost, authRequest, newClientAddress, signUp, sql } from "./workers-helpers.ts";

const emailOf = async (userId: string) => (await sql(`select email from "user" where id = $1`, [userId]))[0]?.email;

describe("change e-mail", () => {
  it("mails a link to the new address and a notice to the old; the link changes the address once", async () => {
    const { userId, email, cookie } = await signUp("Grace Hopper");
    const newEmail = `${crypto.randomUUID()}@example.test`;
    const response = await authPost("/change-email", cookie, { newEmail, callbackURL: "/settings" });
    expect(response.status).toBe(200);
    expect(await emailOf(userId)).toBe(email);

    const confirm = await lastMail(newEmail, /^Confirm your new e-mail/);
    // The new address is not verified: its mail carries nothing the account chose (its name).
    expect(confirm.text).not.toContain("Grace Hopper");
    const notice = await lastMail(email, /e-mail is being changed$/);
    expect(notice.text).toContain(newEmail);
    expect(notice.links.every((link) => !link.includes("verify-email"))).toBe(true);

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
    const { userId, email, cookie } = await signUp();
    const before = (await mailTo(taken.email)).length;
    const response = await authPost("/change-email", cookie, { newEmail: taken.email });
    expect([response.status, await response.json()]).toEqual([200, { status: true }]);
    expect((await mailTo(taken.email)).length).toBe(before);
    expect((await mailTo(email)).filter((m) => /being changed/.test(m.subject))).toEqual([]);
    expect(await emailOf(userId)).toBe(email);
  });

  it("refuses a signed-out request and a malformed address with a 4xx JSON error", async () => {
    const { cookie } = await signUp();
    expect((await authPost("/change-email", "", { newEmail: "a@example.test" })).status).toBe(401);
    for (const newEmail of ["", "not-an-address", 42, null, "a@b\r\nBcc: x@y.z"]) {
      // Each from its own address: five a minute per address is the limit.
      const response = await authPost("/change-email", cookie, { newEmail }, newClientAddress());
      expect(response.status, JSON.stringify(newEmail)).toBe(400);
      expect(response.headers.get("Content-Type")).toMatch(/json/);
    }
  });
});
