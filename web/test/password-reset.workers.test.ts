// Forgot and reset password, inside workerd: the mail through the real sender into the dev
// mailbox, the link followed from there; the reset ends every session and the API refuses their
// tokens; enumeration-safe answers; single-use, one-hour links; hostile tokens as a class.

import { env } from "cloudflare:workers";
import { neon } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-http";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pruneExpiredVerifications } from "../lib/auth/plugins/verification-pruning/index.ts";
import { actionLink, authPathOf, lastMail, mailTo } from "./mailbox-helpers.ts";
import {
  apiEnvWithAuthBinding,
  apiFetch,
  authRequest,
  issueToken,
  newClientAddress,
  ORIGIN,
  PASSWORD,
  signIn,
  signUp,
  sql,
} from "./workers-helpers.ts";

const api = apiFetch(apiEnvWithAuthBinding().apiEnv);
const NEW_PASSWORD = "a brand new passphrase";

const post = (path: string, body: unknown, address = newClientAddress()) =>
  authRequest(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": address },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const forgot = (email: string, address?: string) =>
  post("/request-password-reset", { email, redirectTo: "/reset-password" }, address);

/** The reset link's token, as /reset-password receives it after Better Auth's redirect. */
async function resetToken(email: string): Promise<string> {
  const link = actionLink(await lastMail(email, /^Reset your/));
  const redirect = await authRequest(authPathOf(link));
  expect(redirect.status).toBe(302);
  const location = new URL(redirect.headers.get("Location") ?? "", ORIGIN);
  expect(location.pathname).toBe("/reset-password");
  return location.searchParams.get("token") ?? "";
}

describe("forgot password", () => {
  it("answers a known and an unknown address alike, and mails only the known one", async () => {
    const { email } = await signUp();
    const unknown = `${crypto.randomUUID()}@example.test`;
    const known = await forgot(email);
    const stranger = await forgot(unknown);
    expect(known.status).toBe(200);
    expect([stranger.status, await stranger.json()]).toEqual([known.status, await known.json()]);
    expect((await mailTo(email)).filter((m) => /^Reset your/.test(m.subject))).toHaveLength(1);
    expect(await mailTo(unknown)).toEqual([]);
  });

  it("mails an absolute link on the app's origin that lands on /reset-password with a token valid for one hour", async () => {
    const { email, userId } = await signUp();
    await forgot(email);
    const link = new URL(actionLink(await lastMail(email, /^Reset your/)));
    expect(link.origin).toBe(ORIGIN);
    const token = await resetToken(email);
    expect(token).toMatch(/^[A-Za-z0-9]{24}$/);
    const [row] = await sql(
      `select extract(epoch from (expires_at - created_at)) as seconds from verification where identifier = $1 and value = $2`,
      [`reset-password:${token}`, userId],
    );
    expect(Math.round(Number(row?.seconds))).toBe(3600);
  });

  it("asks the database the same number of times for a known and an unknown address before answering, pruning included", async () => {
    const { email } = await signUp();
    const requests = async () =>
      ((await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number }).httpRequests;
    const counted = async (address: string) => {
      const before = await requests();
      expect((await forgot(address)).status).toBe(200);
      return (await requests()) - before;
    };
    await counted(`${crypto.randomUUID()}@example.test`); // this isolate's prune (once a minute) is spent here
    const known = await counted(email);
    const unknown = await counted(`${crypto.randomUUID()}@example.test`);
    // The rate limit, the user lookup, then the reset row's insert or the decoy lookup; + 1 in the
    // background: a new rate-limit window (each address here is new) prunes old windows; + 1 in the
    // background for the known address alone: its mail counts against the recipient's limit, after
    // the response like the send (web/lib/email/recipient-limit.ts).
    expect([known, unknown]).toEqual([3 + 1 + 1, 3 + 1]);
  });

  it("prunes expired verification rows, and only those", async () => {
    const [expired, live] = [crypto.randomUUID(), crypto.randomUUID()];
    for (const [id, offset] of [
      [expired, "- interval '1 second'"],
      [live, "+ interval '1 hour'"],
    ] as const) {
      await sql(`insert into verification (id, identifier, value, expires_at) values ($1, $1, 'x', now() ${offset})`, [id]);
    }
    await pruneExpiredVerifications(drizzle({ client: neon(env.DATABASE_URL) }));
    expect((await sql("select id from verification where id = any($1)", [[expired, live]])).map((row) => row.id)).toEqual([live]);
  });

  it("is limited to 3 a minute per client address", async () => {
    const address = newClientAddress();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await forgot(`${crypto.randomUUID()}@example.test`, address)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe("reset password", () => {
  it("sets the new password, ends every session (the API refuses their tokens) and mails 'password changed'", async () => {
    const { email, userId, cookie } = await signUp();
    const other = await signIn(email);
    const tokens = [await issueToken(cookie), await issueToken(other)];
    await forgot(email);
    const reset = await post("/reset-password", { token: await resetToken(email), newPassword: NEW_PASSWORD });
    expect(reset.status).toBe(200);

    expect(await sql("select id from session where user_id = $1", [userId])).toEqual([]);
    for (const token of tokens) {
      const response = await api(`https://api.test/api/${userId}/tasks`, { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "session_revoked" });
    }
    const changed = await lastMail(email, /password was changed$/);
    expect(changed.text).toContain("every device was signed out");
    expect((await post("/sign-in/email", { email, password: PASSWORD })).status).toBe(401);
    expect((await post("/sign-in/email", { email, password: NEW_PASSWORD })).status).toBe(200);
  });

  it("uses a link once: the second reset and the second visit are refused", async () => {
    const { email } = await signUp();
    await forgot(email);
    const link = actionLink(await lastMail(email, /^Reset your/));
    const token = await resetToken(email);
    expect((await post("/reset-password", { token, newPassword: NEW_PASSWORD })).status).toBe(200);
    const again = await post("/reset-password", { token, newPassword: "yet another passphrase" });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: "INVALID_TOKEN" });
    const visit = await authRequest(authPathOf(link));
    expect(visit.headers.get("Location")).toMatch(/\/reset-password\?error=INVALID_TOKEN$/);
  });

  it("refuses an expired link", async () => {
    const { email } = await signUp();
    await forgot(email);
    const token = await resetToken(email);
    await sql("update verification set expires_at = now() - interval '1 second' where identifier = $1", [
      `reset-password:${token}`,
    ]);
    const response = await post("/reset-password", { token, newPassword: NEW_PASSWORD });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "INVALID_TOKEN" });
    expect((await post("/sign-in/email", { email, password: PASSWORD })).status).toBe(200);
  });

  it("holds the new password to sign-up's policy", async () => {
    const { email } = await signUp();
    await forgot(email);
    const token = await resetToken(email);
    for (const newPassword of ["short", "x".repeat(129)]) {
      const response = await post("/reset-password", { token, newPassword });
      expect(response.status, newPassword.length.toString()).toBe(400);
    }
    // The refusals did not spend the link.
    expect((await post("/reset-password", { token, newPassword: NEW_PASSWORD })).status).toBe(200);
  });

  it("answers any token, body or link with a 4xx JSON error or a redirect to the page, never a 5xx", async () => {
    const check = async (token: unknown, newPassword: unknown = NEW_PASSWORD) => {
      const response = await post("/reset-password", { token, newPassword });
      expect(response.status, JSON.stringify(token)).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get("Content-Type")).toMatch(/json/);
    };
    for (const token of ["", " ", "../../x", "%00", "a".repeat(10_000), null, 42, {}, []]) await check(token);
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200 }), fc.anything(), check), { numRuns: 60 });
    for (const body of ["", "{", "[]", "null", '"x"']) {
      const response = await post("/reset-password", body);
      expect(response.status, body).toBeGreaterThanOrEqual(400);
      expect(response.status, body).toBeLessThan(500);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 100 }), async (token) => {
        const response = await authRequest(`/reset-password/${encodeURIComponent(token)}?callbackURL=/reset-password`);
        expect(response.status).toBeLessThan(500);
        if (response.status === 302) expect(response.headers.get("Location")).toMatch(/\/reset-password\?error=INVALID_TOKEN$/);
      }),
      { numRuns: 40 },
    );
  });
});
