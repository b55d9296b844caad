// E-mail verification, inside workerd: Better Auth with verification required (as in preview,
// staging and production), its mail sent by the real sender into the dev mailbox, the link read
// from there and followed as a person's browser would.
import fc from "fast-check";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import type { WebBindings } from "../lib/env.ts";
import { actionLink, authPathOf, lastMail, mailTo } from "./mailbox-helpers.ts";
import {
  apiEnvWithAuthBinding,
  apiFetch,
  authEnv,
  authRequest,
  cookieHeader,
  newClientAddress,
  ORIGIN,
  PASSWORD,
  sql,
  verifyingAuthEnv,
} from "./workers-helpers.ts";

const api = apiFetch(apiEnvWithAuthBinding().apiEnv);
const post = (path: string, body: unknown, env: WebBindings = verifyingAuthEnv, address = newClientAddress(), cookie = "") =>
  authRequest(
    path,
    {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": address, Cookie: cookie },
      body: JSON.stringify(body),
    },
    env,
  );
const get = (path: string, cookie = "") => authRequest(path, { headers: { Cookie: cookie } }, verifyingAuthEnv);

const sessionCookie = (response: Response) => /session_token=[^;]+/.test(response.headers.getSetCookie().join("\n"));

async function signUpUnverified(name = "Ada Lovelace") {
  const email = `${crypto.randomUUID()}@example.test`;
  const response = await post("/sign-up/email", { name, email, password: PASSWORD, callbackURL: "/dashboard" });
  return { email, response };
}

describe("sign-up with verification required", () => {
  it("creates the user signed out, and mails a link that verifies, signs in (the browser that signed up) and returns to /verify-email", async () => {
    const { email, response } = await signUpUnverified();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ token: null, user: { email, emailVerified: false } });
    expect(sessionCookie(response)).toBe(false);

    const mail = await lastMail(email, /^Verify your e-mail/);
    // Not verified yet: the mail carries nothing the person signing up chose (their name).
    expect(mail.text).not.toContain("Ada Lovelace");
    const link = new URL(actionLink(mail));
    expect(link.origin).toBe(ORIGIN);
    expect(link.pathname).toBe("/api/auth/verify-email");
    expect(link.searchParams.get("callbackURL")).toBe("/verify-email");

    const verified = await get(authPathOf(link.href), cookieHeader(response));
    expect(verified.status).toBe(302);
    expect(verified.headers.get("Location")).toBe("/verify-email");
    expect(sessionCookie(verified)).toBe(true);
    const [user] = await sql(`select id, email_verified from "user" where email = $1`, [email]);
    expect(user?.email_verified).toBe(true);

    // Signed in: a token the API accepts.
    const tokenResponse = await get("/token", cookieHeader(verified));
    expect(tokenResponse.status).toBe(200);
    const { token } = (await tokenResponse.json()) as { token: string };
    const list = await api(`https://api.test/api/${user?.id}/tasks`, { headers: { Authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);
  });

  it("refuses to sign an unverified user in: 403 with a message, no session, no token", async () => {
    const { email } = await signUpUnverified();
    const signIn = await post("/sign-in/email", { email, password: PASSWORD });
    expect(signIn.status).toBe(403);
    expect(await signIn.json()).toMatchObject({ code: "EMAIL_NOT_VERIFIED", message: expect.stringMatching(/verif/i) });
    expect(sessionCookie(signIn)).toBe(false);
    expect(await sql(`select s.id from session s join "user" u on u.id = s.user_id where u.email = $1`, [email])).toEqual([]);
    expect((await get("/token", cookieHeader(signIn))).status).toBe(401);
  });

  it("uses a link once: the second visit verifies nothing and signs nobody in", async () => {
    const { email, response } = await signUpUnverified();
    const path = authPathOf(actionLink(await lastMail(email, /^Verify/)));
    expect(sessionCookie(await get(path, cookieHeader(response)))).toBe(true);
    const again = await get(path);
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe("/verify-email");
    expect(sessionCookie(again)).toBe(false);
    expect(await sql(`select s.id from session s join "user" u on u.id = s.user_id where u.email = $1`, [email])).toHaveLength(1);
  });

  it("sends an expired link (one hour) to /verify-email?error=TOKEN_EXPIRED, and a forged one to INVALID_TOKEN", async () => {
    const { email } = await signUpUnverified();
    const [user] = await sql(`select id from "user" where email = $1`, [email]);
    const sign = (secret: string, expiresAt: number) =>
      new SignJWT({ email, userId: user?.id })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuedAt(expiresAt - 3600)
        .setExpirationTime(expiresAt)
        .sign(new TextEncoder().encode(secret));
    const now = Math.floor(Date.now() / 1000);
    const expired = await get(`/verify-email?token=${await sign(authEnv.BETTER_AUTH_SECRET, now - 1)}&callbackURL=/verify-email`);
    expect(expired.headers.get("Location")).toBe("/verify-email?error=TOKEN_EXPIRED");
    const forged = await get(
      `/verify-email?token=${await sign("another secret of at least 32 chars!!", now + 60)}&callbackURL=/verify-email`,
    );
    expect(forged.headers.get("Location")).toBe("/verify-email?error=INVALID_TOKEN");
    const [after] = await sql(`select email_verified from "user" where email = $1`, [email]);
    expect(after?.email_verified).toBe(false);

    // The real link says it lasts an hour.
    const link = new URL(actionLink(await lastMail(email, /^Verify/)));
    const payload = JSON.parse(atob((link.searchParams.get("token") ?? "").split(".")[1] ?? "")) as { iat: number; exp: number };
    expect(payload.exp - payload.iat).toBe(3600);
  });

  it("answers any token as a redirect or a 400 with JSON, never a 5xx", async () => {
    const hostile = ["", " ", "a.b.c", "%00", "..%2f", "x".repeat(10_000), "eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAYi5jIn0."];
    const check = async (token: string) => {
      const response = await get(`/verify-email?token=${encodeURIComponent(token)}&callbackURL=/verify-email`);
      if (response.status === 302) expect(response.headers.get("Location")).toMatch(/^\/verify-email\?error=[A-Z_]+$/);
      else {
        expect(response.status).toBe(400);
        expect(response.headers.get("Content-Type")).toMatch(/json/);
      }
    };
    for (const token of hostile) await check(token);
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), check), { numRuns: 60 });
    expect((await get("/verify-email")).status).toBe(400);
  });
});

describe("resending the verification mail", () => {
  it("answers the same for an unverified and an unknown address, and mails only the unverified one", async () => {
    const { email } = await signUpUnverified();
    const unknown = `${crypto.randomUUID()}@example.test`;
    const before = (await mailTo(email)).length;
    const answers = [];
    for (const address of [email, unknown]) {
      const response = await post("/send-verification-email", { email: address, callbackURL: "/verify-email" });
      answers.push([response.status, await response.json()]);
    }
    expect(answers[0]).toEqual([200, { status: true }]);
    expect(answers[1]).toEqual(answers[0]);
    expect((await mailTo(email)).length).toBe(before + 1);
    expect(await mailTo(unknown)).toEqual([]);
  });

  it("is limited to 3 a minute per client address", async () => {
    const address = newClientAddress();
    const email = `${crypto.randomUUID()}@example.test`;
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await post("/send-verification-email", { email }, verifyingAuthEnv, address)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe("in npm run dev (verification off)", () => {
  it("signs the new user in at once, and still mails a link", async () => {
    const email = `${crypto.randomUUID()}@example.test`;
    const response = await post("/sign-up/email", { name: "Dev", email, password: PASSWORD }, authEnv);
    expect(response.status).toBe(200);
    expect(sessionCookie(response)).toBe(true);
    expect(await lastMail(email, /^Verify/)).toBeDefined();
  });
});
