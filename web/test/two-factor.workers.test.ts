// Two-factor authentication (web/lib/auth/plugins/two-factor), through Better Auth's handler in
// workerd against the real database: turning it on with a first code, the sign-in's code step
// with a code or a recovery code, the attempt limits, regenerating and turning it off.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { counted } from "./database-requests.ts";
import { actionLink, lastMail } from "./mailbox-helpers.ts";
import { CookieJar, oauthEnv, sessionOf as oauthSessionOf, signInWithDevProvider } from "./oauth-helpers.ts";
import { codeFor, enableTwoFactor, passwordStep, sessionCookieOf, startEnabling, wrongCodeFor } from "./two-factor-helpers.ts";
import {
  authRequest,
  cookieHeader,
  newClientAddress,
  ORIGIN,
  PASSWORD,
  authPost as postFrom,
  signUp,
  sql,
} from "./workers-helpers.ts";

/** The sign-in's code step the page calls (web/lib/auth/plugins/two-factor/code-step.ts), either kind of code. */
const CODE_STEP = "/two-factor/sign-in";

/** Each from an address of its own, unless the test names one: the rate limit is per address. */
const authPost = (path: string, cookie: string, body: unknown, address = newClientAddress()) =>
  postFrom(path, cookie, body, address);

const sessionOf = async (cookie: string) =>
  (await (await authRequest("/get-session?disableCookieCache=true", { headers: { Cookie: cookie } })).json()) as {
    user: { twoFactorEnabled: boolean };
  } | null;

describe("turning two-factor on", () => {
  it("takes effect only once a first code confirms the secret", async () => {
    const person = await signUp();
    const { totp, backupCodes } = await startEnabling(person.cookie);
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    // Not on yet: the password alone still signs in.
    const before = await passwordStep(person.email);
    expect(await before.response.json()).toMatchObject({ token: expect.any(String) });
    const wrong = await authPost("/two-factor/verify-totp", person.cookie, { code: wrongCodeFor(totp) });
    expect(wrong.status).toBe(401);
    expect((await sessionOf(person.cookie))?.user.twoFactorEnabled).toBe(false);
    const confirmed = await authPost("/two-factor/verify-totp", person.cookie, { code: codeFor(totp) });
    expect(confirmed.status).toBe(200);
    expect((await sessionOf(sessionCookieOf(confirmed)))?.user.twoFactorEnabled).toBe(true);
  });

  it("needs the password", async () => {
    const person = await signUp();
    const answer = await authPost("/two-factor/enable", person.cookie, { password: "not the password!" });
    expect(answer.status).toBe(400);
    expect(await sql("select id from two_factor where user_id = $1", [person.userId])).toEqual([]);
  });

  it("stores the secret and the recovery codes encrypted", async () => {
    const person = await signUp();
    const { totpURI, backupCodes } = await enableTwoFactor(person);
    const [row] = await sql("select secret, backup_codes from two_factor where user_id = $1", [person.userId]);
    const secret = new URL(totpURI).searchParams.get("secret") as string;
    expect(JSON.stringify(row)).not.toContain(secret);
    for (const code of backupCodes) expect(JSON.stringify(row)).not.toContain(code);
  });
});

describe("the sign-in's code step", () => {
  it("asks for a code after the right password, without a session, and a code signs in", async () => {
    const person = await signUp();
    const { totp } = await enableTwoFactor(person);
    const { response, cookie } = await passwordStep(person.email);
    expect(await response.json()).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp"] });
    expect(cookie).toMatch(/two_factor=/);
    expect(cookie).not.toMatch(/session_token=/);
    const signedIn = await authPost(CODE_STEP, cookie, { code: codeFor(totp) });
    expect(signedIn.status).toBe(200);
    expect(await sessionOf(sessionCookieOf(signedIn))).not.toBeNull();
  });

  it("says nothing about two-factor before the password is right: the same answer as for anyone", async () => {
    const withTwoFactor = await signUp();
    await enableTwoFactor(withTwoFactor);
    const without = await signUp();
    const answers = [];
    for (const email of [withTwoFactor.email, without.email, `${crypto.randomUUID()}@example.test`]) {
      const response = await authPost("/sign-in/email", "", { email, password: "not the password!" }, newClientAddress());
      answers.push({ status: response.status, body: await response.json(), cookies: response.headers.getSetCookie() });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[1]).toEqual(answers[2]);
  });

  it("refuses a wrong code with one answer for every kind of wrong, and no session", async () => {
    const person = await signUp();
    const { totp, backupCodes } = await enableTwoFactor(person);
    const { cookie } = await passwordStep(person.email);
    const address = newClientAddress();
    const wrongTotp = await authPost(CODE_STEP, cookie, { code: wrongCodeFor(totp) }, address);
    expect(wrongTotp.status).toBe(401);
    const answer = await wrongTotp.json();
    expect(answer).toMatchObject({ code: "INVALID_CODE" });
    expect(sessionCookieOf(wrongTotp)).not.toMatch(/session_token=/);
    const wrongRecovery = await authPost(CODE_STEP, cookie, { code: "AAAAA-BBBBB" }, address);
    expect(wrongRecovery.status).toBe(401);
    // The same answer, word for word: it does not tell a wrong recovery code from a wrong app code.
    expect(await wrongRecovery.json()).toEqual(answer);
    expect(sessionCookieOf(wrongRecovery)).not.toMatch(/session_token=/);
    // The right code still works on the same pending sign-in.
    const right = await authPost(CODE_STEP, cookie, { code: backupCodes[0] }, address);
    expect(right.status).toBe(200);
  });

  it("refuses a code without a pending sign-in, or with a forged one", async () => {
    const person = await signUp();
    const { totp } = await enableTwoFactor(person);
    const none = await authPost(CODE_STEP, "", { code: codeFor(totp) });
    expect(none.status).toBe(401);
    const forged = await authPost(CODE_STEP, "better-auth.two_factor=2fa-made-up.c2lnbmF0dXJl", {
      code: codeFor(totp),
    });
    expect(forged.status).toBe(401);
  });

  it("takes each recovery code once", async () => {
    const person = await signUp();
    const { backupCodes } = await enableTwoFactor(person);
    const code = backupCodes[3] as string;
    const first = await passwordStep(person.email);
    expect((await authPost(CODE_STEP, first.cookie, { code })).status).toBe(200);
    const second = await passwordStep(person.email);
    const again = await authPost(CODE_STEP, second.cookie, { code }, newClientAddress());
    expect(again.status).toBe(401);
    // Another of the ten still works.
    const other = await authPost(CODE_STEP, second.cookie, { code: backupCodes[4] }, newClientAddress());
    expect(other.status).toBe(200);
  });

  it("trusts this browser for 30 days when asked: the next sign-in there skips the code", async () => {
    const person = await signUp();
    const { totp } = await enableTwoFactor(person);
    const { cookie } = await passwordStep(person.email);
    const trusted = await authPost(CODE_STEP, cookie, { code: codeFor(totp), trustDevice: true });
    const trustCookie = trusted.headers.getSetCookie().find((each) => each.includes("trust_device="));
    expect(trustCookie).toMatch(/Max-Age=2592000/);
    const again = await passwordStep(person.email, newClientAddress(), (trustCookie as string).split(";")[0]);
    expect(await again.response.json()).toMatchObject({ token: expect.any(String) });
    // Another browser is still asked.
    const elsewhere = await passwordStep(person.email);
    expect(await elsewhere.response.json()).toMatchObject({ twoFactorRedirect: true });
  });

  // The budget is 3: the rate limit; one read (the pending sign-in, its attempts, the person, their
  // secret); one batch (the challenge spent, the session, the sign-in's account event). The
  // plugin's verify-totp made 12 in a row for the same step. Counted as every request the step
  // makes, after the response included, so any new statement shows.
  it("takes the code step in 3 database round trips, plus the rate limit's pruning after the response", async () => {
    const person = await signUp();
    const { totp, backupCodes } = await enableTwoFactor(person);
    const withCode = await passwordStep(person.email);
    const code = await counted(() => authPost(CODE_STEP, withCode.cookie, { code: codeFor(totp), trustDevice: true }));
    expect(code.result.status).toBe(200);
    expect(code.requests).toBe(3 + 1);
    const withRecovery = await passwordStep(person.email);
    const recovery = await counted(() => authPost(CODE_STEP, withRecovery.cookie, { code: backupCodes[0] }));
    expect(recovery.result.status).toBe(200);
    expect(recovery.requests).toBe(3 + 1);
    const wrong = await passwordStep(person.email);
    const refused = await counted(() => authPost(CODE_STEP, wrong.cookie, { code: wrongCodeFor(totp) }));
    expect(refused.result.status).toBe(401);
    expect(refused.requests).toBe(3 + 1);
  });

  // Two more than a plain sign-in, all the plugin's after-hook once the password is right: the
  // session just made deleted, the secret read to list the methods; the pending sign-in and its
  // attempts are inserts, held in the sign-in's one batch (account activity runs /sign-in/email
  // in one request batch, so that its record goes with the session). Pinned so that a change shows.
  it("takes the password step of a person with two-factor in 3 + 2 round trips", async () => {
    const person = await signUp();
    await enableTwoFactor(person);
    const { requests, result } = await counted(() => passwordStep(person.email));
    expect(await result.response.json()).toMatchObject({ twoFactorRedirect: true });
    // + 1 in the background: the rate limit's pruning.
    expect(requests).toBe(3 + 2 + 1);
  });

  it("keeps a sign-in without two-factor at three round trips", async () => {
    const person = await signUp();
    const { requests, result } = await counted(() => passwordStep(person.email));
    expect(await result.response.json()).toMatchObject({ token: expect.any(String) });
    // + 1 in the background: the rate limit's pruning.
    expect(requests).toBe(3 + 1);
  });
});

describe("account activity", () => {
  const kinds = async (userId: string) =>
    (await sql("select kind from account_event where user_id = $1 order by created_at, id", [userId])).map((row) => row.kind);

  it("records two-factor turned on, a recovery code used at sign-in, and two-factor turned off", async () => {
    const person = await signUp();
    const { backupCodes } = await enableTwoFactor(person);
    expect(await kinds(person.userId)).toContain("two_factor_enabled");
    const { cookie } = await passwordStep(person.email);
    const signedIn = await authPost(CODE_STEP, cookie, { code: backupCodes[0] });
    expect(signedIn.status).toBe(200);
    expect((await kinds(person.userId)).filter((kind) => kind === "recovery_code_used")).toHaveLength(1);
    const off = await authPost("/two-factor/disable", sessionCookieOf(signedIn), { password: PASSWORD });
    expect(off.status).toBe(200);
    expect((await kinds(person.userId)).slice(-1)).toEqual(["two_factor_disabled"]);
  });

  it("records a sign-in once the code step makes the session, not at the password step, with the factor used", async () => {
    const person = await signUp();
    const { totp, backupCodes } = await enableTwoFactor(person);
    const signIns = async () =>
      (
        await sql("select method from account_event where user_id = $1 and kind = 'sign_in' order by created_at, id", [
          person.userId,
        ])
      ).map((row) => row.method);
    // Turning two-factor on was no sign-in: nothing before the code step.
    const pending = await passwordStep(person.email);
    expect(await pending.response.json()).toMatchObject({ twoFactorRedirect: true });
    expect(await signIns()).toEqual([]);
    const withCode = await authPost(CODE_STEP, pending.cookie, { code: codeFor(totp) });
    expect(withCode.status).toBe(200);
    const withRecovery = await authPost(CODE_STEP, (await passwordStep(person.email)).cookie, {
      code: backupCodes[0],
    });
    expect(withRecovery.status).toBe(200);
    // Written after the response (waitUntil), which the test's request has awaited.
    expect(await signIns()).toEqual(["two_factor", "recovery_code"]);
  });

  it("answers a pending sign-in at the code step only: the plugin's verify routes refuse it, and spend nothing", async () => {
    const person = await signUp();
    const { totp, backupCodes } = await enableTwoFactor(person);
    const { cookie } = await passwordStep(person.email);
    const codes = async () => (await sql("select backup_codes from two_factor where user_id = $1", [person.userId]))[0];
    const stored = await codes();
    const withCode = await authPost("/two-factor/verify-totp", cookie, { code: codeFor(totp) });
    expect([withCode.status, (await withCode.json()) as unknown]).toEqual([
      401,
      { code: "SIGN_IN_CODE_GOES_TO_THE_CODE_STEP", message: "A sign-in's code goes to /api/auth/two-factor/sign-in." },
    ]);
    for (const path of ["/two-factor/verify-backup-code", "/two-factor/verify-otp", "/two-factor/send-otp"])
      expect([path, (await authPost(path, cookie, { code: backupCodes[0] })).status]).toEqual([path, 404]);
    expect(cookieHeader(withCode)).not.toMatch(/session_token=[^;]/);
    expect(await codes()).toEqual(stored);
    // The pending sign-in is still there for the code step, which the refusals did not count.
    const signedIn = await authPost(CODE_STEP, cookie, { code: backupCodes[0] });
    expect(signedIn.status).toBe(200);
    // The sign-in and the code it spent are written in one batch, in either order.
    expect((await kinds(person.userId)).sort()).toEqual(["recovery_code_used", "sign_in", "two_factor_enabled"]);
  });

  it("records a wrong code at sign-in as a failed sign-in; nothing for a wrong first code or a refused turn-off", async () => {
    const person = await signUp();
    const { totp } = await startEnabling(person.cookie);
    await authPost("/two-factor/verify-totp", person.cookie, { code: wrongCodeFor(totp) });
    const enabled = await enableTwoFactor(person);
    const { cookie } = await passwordStep(person.email);
    const address = newClientAddress();
    expect((await authPost(CODE_STEP, cookie, { code: "AAAAA-AAAAA" }, address)).status).toBe(401);
    expect((await authPost(CODE_STEP, cookie, { code: wrongCodeFor(enabled.totp) }, address)).status).toBe(401);
    await authPost("/two-factor/disable", enabled.cookie, { password: "not the password" });
    // Not filtered: turning two-factor on is no sign-in either (the plugin's replacement session).
    expect(await kinds(person.userId)).toEqual(["two_factor_enabled", "sign_in_failed", "sign_in_failed"]);
    // Whichever kind of code it was: the answer does not say, nor does the record.
    expect(
      await sql("select method, ip_address from account_event where user_id = $1 and kind = 'sign_in_failed'", [person.userId]),
    ).toEqual([
      { method: "two_factor", ip_address: address },
      { method: "two_factor", ip_address: address },
    ]);
  });
});

describe("hostile input at the code step", () => {
  const hostile = fc.oneof(
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.stringMatching(/^[0-9]{6}$/),
    fc.stringMatching(/^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/),
    // A NUL and a lone surrogate: strings Postgres itself refuses.
    fc.constantFrom<unknown>(null, 42, [], {}, "\u0000", "\ud800", "' or 1=1 --", "1".repeat(10_000)),
  );

  it("answers any code with a 4xx JSON error and no session, never a 5xx (property)", async () => {
    const person = await signUp();
    await enableTwoFactor(person);
    const { cookie } = await passwordStep(person.email);
    await fc.assert(
      fc.asyncProperty(
        hostile,
        // verify-backup-code is not served at all (code-step-only.ts): the app's route answers it 404.
        fc.constantFrom(CODE_STEP, "/two-factor/verify-totp"),
        async (code, path) => {
          const response = await authPost(path, cookie, { code, trustDevice: true });
          expect(response.status, JSON.stringify(code)).toBeGreaterThanOrEqual(400);
          expect(response.status, JSON.stringify(code)).toBeLessThan(500);
          expect(response.headers.get("Content-Type")).toMatch(/json/);
          expect(sessionCookieOf(response)).not.toMatch(/session_token=|trust_device=/);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("answers any pending sign-in cookie but a real one with a 4xx, never a 5xx (property)", async () => {
    const person = await signUp();
    const { totp } = await enableTwoFactor(person);
    const cookieValue = fc.oneof(
      fc.string({ unit: "grapheme-ascii", maxLength: 120 }).filter((value) => !/[;,\s]/.test(value)),
      fc.stringMatching(/^2fa-[A-Za-z0-9]{20}\.[A-Za-z0-9+/=]{44}$/),
    );
    await fc.assert(
      fc.asyncProperty(cookieValue, async (value) => {
        const response = await authPost(CODE_STEP, `better-auth.two_factor=${value}`, { code: codeFor(totp) });
        expect(response.status, value).toBeGreaterThanOrEqual(400);
        expect(response.status, value).toBeLessThan(500);
        expect(sessionCookieOf(response)).not.toMatch(/session_token=/);
      }),
      { numRuns: 25 },
    );
  });
});

describe("an OAuth sign-in", () => {
  /** A person with a password, a verified address and two-factor on, whom the dev provider also knows. */
  async function twoFactorPerson() {
    const email = `${crypto.randomUUID()}@oidc.test`;
    const signedUp = await authRequest("/sign-up/email", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress() },
      body: JSON.stringify({ name: "Grace", email, password: PASSWORD }),
    });
    const { user } = (await signedUp.clone().json()) as { user: { id: string } };
    // The provider's identity joins an account whose own address is verified (options.ts).
    await sql(`update "user" set email_verified = true where id = $1`, [user.id]);
    const { totp } = await enableTwoFactor({ userId: user.id, email, cookie: cookieHeader(signedUp), response: signedUp });
    return { email, totp, userId: user.id };
  }

  /** The person's sign-ins, with their methods, oldest first. */
  const signInsOf = async (userId: string) =>
    (await sql("select method from account_event where user_id = $1 and kind = 'sign_in' order by created_at, id", [userId])).map(
      (row) => row.method,
    );

  /** The `trust_device=…` pair a password sign-in's code step sets when asked to trust the browser. */
  async function trustedBrowserOf(email: string, totp: Parameters<typeof codeFor>[0]) {
    const { cookie } = await passwordStep(email);
    const trusted = await authPost(CODE_STEP, cookie, { code: codeFor(totp), trustDevice: true });
    const pair = trusted.headers
      .getSetCookie()
      .find((each) => each.includes("trust_device="))
      ?.split(";")[0];
    if (!pair) throw new Error("no trust_device cookie");
    return pair;
  }

  it("of a person with two-factor on asks for the code too: no session until it is given", async () => {
    const { email, totp, userId } = await twoFactorPerson();
    const { response, app, location } = await signInWithDevProvider({ email, verified: true });
    expect(response.status).toBe(302);
    expect(location.pathname).toBe("/two-factor");
    expect(await oauthSessionOf(app)).toBeNull();
    expect(app.header).toMatch(/two_factor=/);
    // The provider's identity alone is no sign-in: nothing recorded until the code is given.
    expect(await signInsOf(userId)).toEqual([]);
    const verified = await postFrom(CODE_STEP, app.header, { code: codeFor(totp) }, newClientAddress());
    expect(verified.status).toBe(200);
    // The code step is the sign-in, recorded once, with the factor that completed it.
    expect(await signInsOf(userId)).toEqual(["two_factor"]);
    const session = await authRequest(
      "/get-session?disableCookieCache=true",
      { headers: { Cookie: sessionCookieOf(verified) } },
      oauthEnv,
    );
    expect(((await session.json()) as { user: { email: string } }).user.email).toBe(email);
  });

  it("skips the code on a browser the person trusted, and only with their own, untampered trust", async () => {
    const grace = await twoFactorPerson();
    const trust = await trustedBrowserOf(grace.email, grace.totp);
    const before = await signInsOf(grace.userId);
    const trusted = await signInWithDevProvider({ email: grace.email, verified: true }, new CookieJar(trust));
    expect(trusted.location.pathname).toBe("/dashboard");
    expect((await oauthSessionOf(trusted.app))?.user.email).toBe(grace.email);
    expect(await signInsOf(grace.userId)).toEqual([...before, "oidc"]);

    const other = await twoFactorPerson();
    const [name = "", value = ""] = trust.split(/=(.*)/s);
    const tampered = `${name}=${value.replace(/^./, (first) => (first === "A" ? "B" : "A"))}`;
    const trustedOnce = await signInsOf(grace.userId);
    for (const cookie of [await trustedBrowserOf(other.email, other.totp), tampered, ""]) {
      const asked = await signInWithDevProvider({ email: grace.email, verified: true }, new CookieJar(cookie));
      expect(asked.location.pathname).toBe("/two-factor");
      expect(await oauthSessionOf(asked.app)).toBeNull();
    }
    expect(await signInsOf(grace.userId)).toEqual(trustedOnce);
  });

  it("of a person without two-factor signs in at once", async () => {
    const email = `${crypto.randomUUID()}@oidc.test`;
    const { location, app } = await signInWithDevProvider({ email, verified: true });
    expect(location.pathname).toBe("/dashboard");
    expect(await oauthSessionOf(app)).not.toBeNull();
    const [user] = await sql(`select id from "user" where email = $1`, [email]);
    expect(await signInsOf(String(user?.id))).toEqual(["oidc"]);
  });
});

describe("a person who signs in only with a provider", () => {
  // Settings tells them that two-factor needs a password and sends them to /forgot-password
  // (two-factor-settings.tsx): checked here, that the reset is what gives them one.
  it("cannot turn two-factor on without a password; a reset by e-mail sets one, and then it turns on", async () => {
    const email = `${crypto.randomUUID()}@oidc.test`;
    const { app } = await signInWithDevProvider({ email, verified: true });
    const [user] = await sql(`select id from "user" where email = $1`, [email]);
    const userId = String(user?.id);
    expect(await sql("select provider_id from account where user_id = $1", [userId])).toEqual([{ provider_id: "oidc" }]);
    const refused = await authPost("/two-factor/enable", app.header, { password: "any password at all" });
    expect([refused.status, ((await refused.json()) as { code?: string }).code]).toEqual([400, "INVALID_PASSWORD"]);

    const asked = await authPost("/request-password-reset", "", { email, redirectTo: "/reset-password" });
    expect(asked.status).toBe(200);
    const token = new URLSearchParams(new URL(actionLink(await lastMail(email, /^Reset your/))).hash.slice(1)).get("token");
    const reset = await authPost("/reset-password", "", { token, newPassword: PASSWORD });
    expect(reset.status).toBe(200);
    expect(
      (await sql("select provider_id from account where user_id = $1 order by provider_id", [userId])).map(
        (row) => row.provider_id,
      ),
    ).toEqual(["credential", "oidc"]);

    // The reset signed every device out: signed in again with the new password, two-factor turns on.
    const { response, cookie } = await passwordStep(email);
    expect(await response.json()).toMatchObject({ token: expect.any(String) });
    const enabled = await enableTwoFactor({ userId, email, cookie, response });
    expect(enabled.backupCodes).toHaveLength(10);
  });
});

describe("code attempts", () => {
  it("allows 5 a minute from one address, then 429", async () => {
    const person = await signUp();
    const { totp } = await enableTwoFactor(person);
    const address = newClientAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      // A fresh pending sign-in each time: the limit is the address's, not the sign-in's.
      const { cookie } = await passwordStep(person.email);
      statuses.push((await authPost(CODE_STEP, cookie, { code: wrongCodeFor(totp) }, address)).status);
      if (i === 3) await sql("update two_factor set failed_verification_count = 0 where user_id = $1", [person.userId]);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it("allows 5 wrong codes in a row per person from any addresses, then locks the step for a minute, right code included", async () => {
    const person = await signUp();
    const { totp } = await enableTwoFactor(person);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { cookie } = await passwordStep(person.email);
      statuses.push((await authPost(CODE_STEP, cookie, { code: wrongCodeFor(totp) }, newClientAddress())).status);
    }
    const { cookie } = await passwordStep(person.email);
    const right = await authPost(CODE_STEP, cookie, { code: codeFor(totp) }, newClientAddress());
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(right.status).toBe(429);
    expect(sessionCookieOf(right)).not.toMatch(/session_token=/);
    const [row] = await sql("select locked_until from two_factor where user_id = $1", [person.userId]);
    const lockedFor = (new Date(row?.locked_until as string).getTime() - Date.now()) / 1000;
    expect(lockedFor).toBeGreaterThan(45);
    expect(lockedFor).toBeLessThanOrEqual(60);
  });
});

describe("recovery codes and turning two-factor off", () => {
  it("regenerates ten new codes with the password; the old ones stop working", async () => {
    const person = await signUp();
    const { backupCodes: old, cookie } = await enableTwoFactor(person);
    const refused = await authPost("/two-factor/generate-backup-codes", cookie, { password: "not the password!" });
    expect(refused.status).toBe(400);
    const regenerated = await authPost("/two-factor/generate-backup-codes", cookie, { password: PASSWORD });
    expect(regenerated.status).toBe(200);
    const { backupCodes } = (await regenerated.json()) as { backupCodes: string[] };
    expect(backupCodes).toHaveLength(10);
    expect(backupCodes.filter((code) => old.includes(code))).toEqual([]);
    const pending = await passwordStep(person.email);
    expect((await authPost(CODE_STEP, pending.cookie, { code: old[0] })).status).toBe(401);
    expect((await authPost(CODE_STEP, pending.cookie, { code: backupCodes[0] })).status).toBe(200);
  });

  it("turns off with the password: the secret is deleted and the password alone signs in again", async () => {
    const person = await signUp();
    const { cookie } = await enableTwoFactor(person);
    expect((await authPost("/two-factor/disable", cookie, { password: "not the password!" })).status).toBe(400);
    const disabled = await authPost("/two-factor/disable", cookie, { password: PASSWORD });
    expect(disabled.status).toBe(200);
    expect(await sql("select id from two_factor where user_id = $1", [person.userId])).toEqual([]);
    const { response } = await passwordStep(person.email);
    expect(await response.json()).toMatchObject({ token: expect.any(String) });
  });
});

describe("the code step at once, twice", () => {
  const sessions = async (userId: string) =>
    Number((await sql("select count(*)::int as n from session where user_id = $1", [userId]))[0]?.n);

  it("makes one session from one challenge used twice at once", async () => {
    const person = await signUp();
    const { totp } = await enableTwoFactor(person);
    const { cookie } = await passwordStep(person.email);
    const before = await sessions(person.userId);
    const answers = await Promise.all([
      authPost(CODE_STEP, cookie, { code: codeFor(totp) }),
      authPost(CODE_STEP, cookie, { code: codeFor(totp) }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    expect(await sessions(person.userId)).toBe(before + 1);
    const loser = answers.find((answer) => answer.status === 401) as Response;
    expect(sessionCookieOf(loser)).not.toMatch(/session_token=|session_data=/);
  });

  it("takes one recovery code once when two sign-ins give it at once", async () => {
    const person = await signUp();
    const { backupCodes } = await enableTwoFactor(person);
    const code = backupCodes[5] as string;
    const [first, second] = [await passwordStep(person.email), await passwordStep(person.email)];
    const before = await sessions(person.userId);
    const answers = await Promise.all([
      authPost(CODE_STEP, first.cookie, { code }),
      authPost(CODE_STEP, second.cookie, { code }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    expect(await sessions(person.userId)).toBe(before + 1);
    // The losing sign-in was not spent: another code still works on it.
    const loser = answers[0]?.status === 401 ? first : second;
    expect((await authPost(CODE_STEP, loser.cookie, { code: backupCodes[6] })).status).toBe(200);
  });
});

describe("hostile codes at the code step (table)", () => {
  const cases: [string, unknown, number][] = [
    ["no code", undefined, 400],
    ["a number", 123456, 400],
    ["null", null, 400],
    ["an array", ["123456"], 400],
    ["an object", { code: "123456" }, 400],
    ["longer than any code", "1".repeat(65), 400],
    ["empty", "", 401],
    ["a NUL", "\u0000", 401],
    ["a lone surrogate", "\ud800", 401],
    ["SQL", "' or 1=1 --", 401],
    ["seven digits", "1234567", 401],
    ["a recovery code in lower case with spaces", " aaaaa-bbbbb ", 401],
  ];
  it.each(cases)("%s: a 4xx JSON error (the status in the table), no session", async (_name, code, status) => {
    const person = await signUp();
    await enableTwoFactor(person);
    const { cookie } = await passwordStep(person.email);
    const response = await authPost(CODE_STEP, cookie, { code, trustDevice: true });
    expect(response.status).toBe(status);
    expect(response.headers.get("Content-Type")).toMatch(/json/);
    expect(sessionCookieOf(response)).not.toMatch(/session_token=|trust_device=/);
  });
});
