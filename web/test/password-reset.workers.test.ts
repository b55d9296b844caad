// Forgot and reset password, inside workerd: the mail through the real sender into the dev
// mailbox, the link followed from there; the reset ends every session and the API refuses their
// tokens; enumeration-safe answers; single-use, one-hour links; hostile tokens as a class.

import { env } from "cloudflare:workers";
import { neon } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-http";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pruneExpiredVerifications } from "../lib/auth/plugins/verification-pruning/index.ts";
import { actionLink, lastMail, mailTo } from "./mailbox-helpers.ts";
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

/**
 * The reset link's token, as the /reset-password page reads it: the link goes straight to the
 * page, with the token in its fragment only (never sent to a server, so in no access log).
 */
function tokenOfLink(link: string): string {
  const url = new URL(link);
  expect([url.origin, url.pathname, url.search]).toEqual([ORIGIN, "/reset-password", ""]);
  const fragment = new URLSearchParams(url.hash.slice(1));
  expect([...fragment.keys()]).toEqual(["token"]);
  return fragment.get("token") ?? "";
}

async function resetToken(email: string): Promise<string> {
  return tokenOfLink(actionLink(await lastMail(email, /^Reset your/)));
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

  it("mails a link that lands on /reset-password whatever redirectTo asked, or refuses the request (table and property)", async () => {
    const check = async (redirectTo: unknown) => {
      // An address of its own each time: one address gets at most 3 reset mails an hour
      // (web/lib/email/recipient-limit.ts).
      const { email } = await signUp();
      const before = (await mailTo(email)).length;
      const body = redirectTo === undefined ? { email } : { email, redirectTo };
      const response = await post("/request-password-reset", body);
      const mails = await mailTo(email);
      if (response.status !== 200) {
        // Refused (an origin Better Auth does not trust, a value that is no string): nothing mailed.
        expect([response.status >= 400 && response.status < 500, mails.length], JSON.stringify(redirectTo)).toEqual([
          true,
          before,
        ]);
        return;
      }
      expect(mails.length, JSON.stringify(redirectTo)).toBe(before + 1);
      expect(tokenOfLink(actionLink(mails[0] as (typeof mails)[number]))).toMatch(/^[A-Za-z0-9]{24}$/);
    };
    for (const redirectTo of [
      undefined,
      "/signin",
      "/signin?token=",
      "/dashboard",
      "/reset-password",
      `${ORIGIN}/signin`,
      `${ORIGIN}/settings#x`,
      "//evil.example/",
      "https://evil.example/reset-password",
      "/\\evil.example",
      "/\t/evil.example",
      "javascript:alert(1)",
      "",
      42,
    ]) {
      await check(redirectTo);
    }
    const paths = fc.stringMatching(/^\/[A-Za-z0-9/_?=&.-]{0,40}$/);
    await fc.assert(fc.asyncProperty(fc.oneof(paths, fc.string({ maxLength: 60 })), check), { numRuns: 15 });
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

  it("uses a link once: the second reset and a visit to Better Auth's own link for it are refused", async () => {
    const { email } = await signUp();
    await forgot(email);
    const token = await resetToken(email);
    expect((await post("/reset-password", { token, newPassword: NEW_PASSWORD })).status).toBe(200);
    const again = await post("/reset-password", { token, newPassword: "yet another passphrase" });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: "INVALID_TOKEN" });
    const visit = await authRequest(`/reset-password/${token}?callbackURL=/reset-password`);
    expect(visit.headers.get("Location")).toMatch(/\/reset-password\?error=INVALID_TOKEN$/);
  });

  it("sends Better Auth's own link (GET /reset-password/<token>) only to /reset-password, whatever callbackURL it names (property)", async () => {
    const { email } = await signUp();
    await forgot(email);
    const token = await resetToken(email);
    const landing = async (callbackURL: string, path = token) => {
      const response = await authRequest(`/reset-password/${path}?${new URLSearchParams({ callbackURL })}`);
      expect(response.status, callbackURL).toBe(302);
      return new URL(response.headers.get("Location") ?? "", ORIGIN);
    };
    for (const callbackURL of ["/signin", `${ORIGIN}/signin`, "/dashboard?x=1", "/reset-password"]) {
      const live = await landing(callbackURL);
      expect([live.origin, live.pathname, live.searchParams.get("token")], callbackURL).toEqual([
        ORIGIN,
        "/reset-password",
        token,
      ]);
    }
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.stringMatching(/^\/[a-z/?=&-]{0,30}$/), fc.string({ maxLength: 40 })), async (callbackURL) => {
        const dead = await landing(callbackURL, "not-a-live-token");
        expect([dead.origin, dead.pathname], callbackURL).toEqual([ORIGIN, "/reset-password"]);
      }),
      { numRuns: 20 },
    );
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
