// Signing up for an address that is not verified yet, inside workerd through Better Auth's handler,
// with verification required (as in preview, staging and production) and the mail read from the
// dev mailbox, as an attacker and their victim would go about it:
// - pre-hijacking: someone signs up with another person's address and a password of their own,
//   before that person does. Whichever mail the person then opens, no password but theirs opens
//   the account, and no session but theirs is in it.
// - login CSRF: a verification link opened in a browser that did not sign up verifies the address
//   but signs nobody in there, and never replaces the session a browser already has.
// - an address already verified: a sign-up answers exactly as for a new one, and its owner gets a
//   notice instead of nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Browser, newBrowser, pause } from "./browser-helpers.ts";
import { actionLink, authPathOf, lastMail, mailTo } from "./mailbox-helpers.ts";
import { authEnv, authRequest, sql, verifyingAuthEnv } from "./workers-helpers.ts";

const ATTACKER_PASSWORD = "the attacker's own password";
const VICTIM_PASSWORD = "the victim's own password";
/** Links carry their issue time in whole seconds: "later" is at least the next second. */
const LATER_MS = 1100;

const newAddress = () => `${crypto.randomUUID()}@example.test`;
const signUp = (browser: Browser, email: string, password: string, name = "Someone") =>
  browser.post("/sign-up/email", { name, email, password, callbackURL: "/dashboard" });
/** A sign-in from a browser of its own: the status says whether `password` opens the account. */
const signInStatus = async (email: string, password: string) =>
  (await newBrowser().post("/sign-in/email", { email, password })).status;
/** The verification mails to `email`, newest first. */
const verificationMails = async (email: string) =>
  (await mailTo(email)).filter((mail) => /^Verify your e-mail/.test(mail.subject));
/** The newest verification link to `email`. */
async function newestLink(email: string): Promise<string> {
  const [newest] = await verificationMails(email);
  if (!newest) throw new Error(`no verification mail to ${email}`);
  return actionLink(newest);
}
const verified = async (email: string) =>
  (await sql(`select email_verified from "user" where email = $1`, [email]))[0]?.email_verified === true;
const sessionsOf = async (email: string) =>
  (await sql(`select s.id from session s join "user" u on u.id = s.user_id where u.email = $1`, [email])).length;

/** What a sign-up's answer shows: it must not tell a new address from a taken one. */
async function answerOf(response: Response) {
  const body = (await response.json()) as { token: unknown; user: Record<string, unknown> };
  const { id, createdAt, updatedAt, ...user } = body.user;
  return {
    status: response.status,
    token: body.token,
    bodyKeys: Object.keys(body).sort(),
    userKeys: Object.keys(body.user).sort(),
    user,
    idShape: typeof id === "string" && id.length,
    dates: [createdAt, updatedAt].map((value) => typeof value === "string" && !Number.isNaN(Date.parse(value))),
    cookies: response.headers
      .getSetCookie()
      .map((line) => line.replace(/=[^;]*/, "=…"))
      .sort(),
  };
}

describe("pre-hijacking: an attacker signs up first with the victim's address and their own password", () => {
  async function attackerThenVictim() {
    const email = newAddress();
    const attacker = newBrowser();
    const victim = newBrowser();
    expect((await signUp(attacker, email, ATTACKER_PASSWORD, "Mallory")).status).toBe(200);
    await pause(LATER_MS);
    const victimsAnswer = await signUp(victim, email, VICTIM_PASSWORD, "Victor");
    expect(victimsAnswer.status).toBe(200);
    // The victim's sign-up mails a link too (it used to mail nothing: only "send it again" helped).
    const [victims, attackers, ...others] = await verificationMails(email);
    expect(others).toEqual([]);
    if (!victims || !attackers) throw new Error("expected one link per sign-up");
    return { email, attacker, victim, attackersLink: actionLink(attackers), victimsLink: actionLink(victims) };
  }

  const orderings = [
    ["the attacker's link", "the victim's browser"],
    ["the attacker's link", "another browser"],
    ["the victim's link", "the victim's browser"],
    ["the victim's link", "another browser"],
    ["a resent link", "the victim's browser"],
    ["a resent link", "another browser"],
  ] as const;

  it.each(orderings)("opening %s in %s leaves the account to the victim's password alone", async (which, where) => {
    const { email, attacker, victim, attackersLink, victimsLink } = await attackerThenVictim();
    const browser = where === "the victim's browser" ? victim : newBrowser();
    let link = victimsLink;
    if (which === "the attacker's link") {
      // Made for credentials that were replaced since: refused, and nothing is verified.
      const refused = await browser.open(authPathOf(attackersLink));
      expect(refused.status).toBe(302);
      expect(refused.headers.get("Location")).toBe("/verify-email?error=INVALID_TOKEN");
      expect(await verified(email)).toBe(false);
      expect(await browser.signedInAs()).toBeNull();
    }
    if (which === "a resent link") {
      expect((await newBrowser().post("/send-verification-email", { email, callbackURL: "/verify-email" })).status).toBe(200);
      expect(await verificationMails(email)).toHaveLength(3);
      // (The same link as the victim's when resent within the same second: same claims, same `iat`.)
      link = await newestLink(email);
    }

    const opened = await browser.open(authPathOf(link));
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe("/verify-email");
    expect(await verified(email)).toBe(true);
    // Signed in only where the victim signed up; elsewhere the page asks for the password.
    expect(await browser.signedInAs()).toBe(where === "the victim's browser" ? email : null);
    expect(await attacker.signedInAs()).toBeNull();

    expect(await signInStatus(email, ATTACKER_PASSWORD)).toBe(401);
    expect(await signInStatus(email, VICTIM_PASSWORD)).toBe(200);
    const [user] = await sql(`select name from "user" where email = $1`, [email]);
    expect(user?.name).toBe("Victor");
  });

  it("answers the victim's sign-up exactly as a new address's (status, body, cookies)", async () => {
    const email = newAddress();
    await signUp(newBrowser(), email, ATTACKER_PASSWORD, "Victor");
    await pause(LATER_MS);
    const taken = await answerOf(await signUp(newBrowser(), email, VICTIM_PASSWORD, "Victor"));
    const fresh = await answerOf(await signUp(newBrowser(), newAddress(), VICTIM_PASSWORD, "Victor"));
    expect({ ...taken, user: { ...taken.user, email: "…" } }).toEqual({ ...fresh, user: { ...fresh.user, email: "…" } });
    expect(taken.user).toMatchObject({ email, emailVerified: false, name: "Victor" });
    // One cookie, the same for both: the signing browser's, out of scripts' reach, for the link's hour.
    expect(taken.cookies).toEqual(["better-auth.pending_verification=…; Max-Age=3600; Path=/; HttpOnly; SameSite=Lax"]);
  });

  it("signs out every session the unverified account had (one made before verification was required)", async () => {
    const email = newAddress();
    // Verification off, as under npm run dev: the sign-up itself signs in.
    const early = newBrowser(authEnv);
    expect((await signUp(early, email, ATTACKER_PASSWORD)).status).toBe(200);
    expect(await early.signedInAs()).toBe(email);
    await signUp(newBrowser(), email, VICTIM_PASSWORD);
    expect(await sessionsOf(email)).toBe(0);
    expect(await early.signedInAs()).toBeNull();
  });

  it("when the attacker signs up again after the victim: the victim's links stop working, and the victim is never inside an account the attacker's password opens", async () => {
    const { email, attacker, victim, victimsLink } = await attackerThenVictim();
    await pause(LATER_MS);
    expect((await signUp(attacker, email, ATTACKER_PASSWORD, "Mallory")).status).toBe(200);
    const refused = await victim.open(authPathOf(victimsLink));
    expect(refused.headers.get("Location")).toBe("/verify-email?error=INVALID_TOKEN");

    // The newest link (from the attacker's sign-up, in the victim's inbox), opened by the victim:
    // the victim's browser signed up for other credentials, so it is not signed in.
    expect((await victim.open(authPathOf(await newestLink(email)))).headers.get("Location")).toBe("/verify-email");
    expect(await victim.signedInAs()).toBeNull();
    expect(await signInStatus(email, VICTIM_PASSWORD)).toBe(401);

    // The way in is a password reset from the mailbox: every other session ends, and only the
    // new password opens the account.
    const attackersSession = newBrowser();
    await attackersSession.post("/sign-in/email", { email, password: ATTACKER_PASSWORD });
    expect((await victim.post("/request-password-reset", { email, redirectTo: "/reset-password" })).status).toBe(200);
    // The link lands on /reset-password with the token in its fragment.
    const token = new URLSearchParams(new URL(actionLink(await lastMail(email, /^Reset your/))).hash.slice(1)).get("token");
    const reset = await victim.post("/reset-password", { token, newPassword: VICTIM_PASSWORD });
    expect(reset.status).toBe(200);
    expect(await attackersSession.signedInAs()).toBeNull();
    expect(await signInStatus(email, ATTACKER_PASSWORD)).toBe(401);
    expect(await signInStatus(email, VICTIM_PASSWORD)).toBe(200);
  });
});

describe("an address that is already verified", () => {
  async function verifiedOwner() {
    const email = newAddress();
    const owner = newBrowser();
    await signUp(owner, email, VICTIM_PASSWORD, "Owner");
    await owner.open(authPathOf(actionLink(await lastMail(email, /^Verify your e-mail/))));
    expect(await owner.signedInAs()).toBe(email);
    return { email, owner };
  }

  it("answers a sign-up exactly as for a new address, changes nothing, and sends its owner a notice", async () => {
    const { email, owner } = await verifiedOwner();
    const before = await mailTo(email);
    const taken = await answerOf(await signUp(newBrowser(), email, ATTACKER_PASSWORD, "Victor"));
    const fresh = await answerOf(await signUp(newBrowser(), newAddress(), ATTACKER_PASSWORD, "Victor"));
    expect({ ...taken, user: { ...taken.user, email: "…" } }).toEqual({ ...fresh, user: { ...fresh.user, email: "…" } });

    expect(await signInStatus(email, VICTIM_PASSWORD)).toBe(200);
    expect(await signInStatus(email, ATTACKER_PASSWORD)).toBe(401);
    expect(await owner.signedInAs()).toBe(email);
    const [user] = await sql(`select name from "user" where email = $1`, [email]);
    expect(user?.name).toBe("Owner");

    const after = await mailTo(email);
    expect(after).toHaveLength(before.length + 1);
    const notice = after[0];
    expect(notice?.subject).toMatch(/sign up/i);
    expect(notice?.text).toMatch(/sign in or reset your password/i);
    expect(notice?.text).not.toContain("Victor");
    expect(notice?.links.map((link) => new URL(link).pathname)).toContain("/signin");
  });
});

describe("login CSRF: a verification link opened in a browser that did not sign up", () => {
  async function unopenedLink() {
    const email = newAddress();
    await signUp(newBrowser(), email, ATTACKER_PASSWORD, "Mallory");
    return { email, path: authPathOf(actionLink(await lastMail(email, /^Verify your e-mail/))) };
  }

  it("keeps the session a browser already has, and verifies the address", async () => {
    const victimEmail = newAddress();
    const victim = newBrowser();
    await signUp(victim, victimEmail, VICTIM_PASSWORD);
    await victim.open(authPathOf(actionLink(await lastMail(victimEmail, /^Verify your e-mail/))));
    expect(await victim.signedInAs()).toBe(victimEmail);

    const { email, path } = await unopenedLink();
    const opened = await victim.open(path);
    expect(opened.headers.get("Location")).toBe("/verify-email");
    expect(opened.headers.getSetCookie().filter((line) => /session_token=/.test(line))).toEqual([]);
    expect(await victim.signedInAs()).toBe(victimEmail);
    expect(await verified(email)).toBe(true);
    expect(await sessionsOf(email)).toBe(0);
  });

  it("keeps the session even in the browser that signed up, when someone is signed in there", async () => {
    const email = newAddress();
    const browser = newBrowser();
    await signUp(browser, email, VICTIM_PASSWORD);
    await browser.open(authPathOf(await newestLink(email)));
    expect(await browser.signedInAs()).toBe(email);
    // Signed in, the same browser signs up with another address, and opens that link.
    const other = newAddress();
    expect((await signUp(browser, other, VICTIM_PASSWORD)).status).toBe(200);
    const opened = await browser.open(authPathOf(await newestLink(other)));
    expect(opened.headers.getSetCookie().filter((line) => /session_token=/.test(line))).toEqual([]);
    expect(await browser.signedInAs()).toBe(email);
    expect(await verified(other)).toBe(true);
    expect(await sessionsOf(other)).toBe(0);
  });

  it("signs nobody in where no one is signed in", async () => {
    const { email, path } = await unopenedLink();
    const stranger = newBrowser();
    const opened = await stranger.open(path);
    expect(opened.headers.get("Location")).toBe("/verify-email");
    expect(await stranger.signedInAs()).toBeNull();
    expect(await verified(email)).toBe(true);
    expect(await sessionsOf(email)).toBe(0);
  });

  it("signs nobody in with another sign-up's pending cookie, or any forged one (property)", async () => {
    const other = newBrowser();
    await signUp(other, newAddress(), VICTIM_PASSWORD);
    const [pendingName] = other.cookieNames().filter((name) => name.endsWith("pending_verification"));
    expect(pendingName).toBeDefined();
    const stolen = other.cookie();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant(stolen),
          fc.string({ maxLength: 120 }).map((value) => `${pendingName}=${value}`),
        ),
        async (cookie) => {
          const { email, path } = await unopenedLink();
          const opened = await authRequest(path, { headers: { Cookie: cookie } }, verifyingAuthEnv);
          expect(opened.status).toBe(302);
          expect(opened.headers.getSetCookie().filter((line) => /session_token=/.test(line))).toEqual([]);
          expect(await sessionsOf(email)).toBe(0);
        },
      ),
      { numRuns: 8 },
    );
  });

  it("signs in the browser that signed up, even with the link resent from elsewhere", async () => {
    const email = newAddress();
    const browser = newBrowser();
    await signUp(browser, email, VICTIM_PASSWORD);
    await newBrowser().post("/send-verification-email", { email, callbackURL: "/verify-email" });
    expect((await browser.open(authPathOf(await newestLink(email)))).headers.get("Location")).toBe("/verify-email");
    expect(await browser.signedInAs()).toBe(email);
    expect(browser.cookieNames().some((name) => name.endsWith("pending_verification"))).toBe(false);
  });
});
