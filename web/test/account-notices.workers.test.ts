// The e-mail notices of security changes a person must know about at once (issue 18, item 4),
// sent after the response like "your password was changed" (account-activity.workers.test.ts):
// two-factor turned off, a passkey added; a password change saying what it did to the other
// devices. A refused attempt mails nothing.
import { describe, expect, it } from "vitest";
import { mailTo } from "./mailbox-helpers.ts";
import { addPasskey, softAuthenticator } from "./passkey-helpers.ts";
import { enableTwoFactor } from "./two-factor-helpers.ts";
import { newClientAddress, PASSWORD, authPost as postFrom, signUp } from "./workers-helpers.ts";

const authPost = (path: string, cookie: string, body: unknown) => postFrom(path, cookie, body, newClientAddress());

const subjectsTo = async (email: string) => (await mailTo(email)).map((message) => message.subject);

describe("notices by e-mail", () => {
  it("says whether a password change signed out the other devices, as the person chose", async () => {
    for (const revokeOtherSessions of [true, false]) {
      const person = await signUp();
      const newPassword = `another long password ${revokeOtherSessions}`;
      const changed = await authPost("/change-password", person.cookie, {
        currentPassword: PASSWORD,
        newPassword,
        revokeOtherSessions,
      });
      expect(changed.status).toBe(200);
      const mails = (await mailTo(person.email)).filter((message) => /password was changed$/.test(message.subject));
      expect(mails).toHaveLength(1);
      const said = revokeOtherSessions ? "and every other device was signed out." : "Your other devices are still signed in.";
      expect([revokeOtherSessions, mails[0]?.text]).toEqual([revokeOtherSessions, expect.stringContaining(said)]);
    }
  });

  it("tells the person when two-factor is turned off, and not when turning it off was refused", async () => {
    const person = await signUp();
    const { cookie } = await enableTwoFactor(person);
    expect((await authPost("/two-factor/disable", cookie, { password: "not the password!" })).status).toBe(400);
    expect((await subjectsTo(person.email)).filter((subject) => /two-factor/i.test(subject))).toEqual([]);
    expect((await authPost("/two-factor/disable", cookie, { password: PASSWORD })).status).toBe(200);
    expect((await subjectsTo(person.email)).filter((subject) => /two-factor/i.test(subject))).toEqual([
      "Two-factor authentication was turned off for your Edge Tasks account",
    ]);
  });

  it("tells the person when a passkey is added, and not when adding one was refused", async () => {
    const person = await signUp();
    const authenticator = await softAuthenticator();
    // Without a session: refused before anything is stored.
    expect((await addPasskey("", authenticator)).status).toBeGreaterThanOrEqual(400);
    expect((await addPasskey(person.cookie, authenticator)).status).toBe(200);
    expect((await subjectsTo(person.email)).filter((subject) => /passkey/i.test(subject))).toEqual([
      "A passkey was added to your Edge Tasks account",
    ]);
  });
});
