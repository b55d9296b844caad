// Better Auth's Origin check on cookie-authenticated POSTs, inside workerd: a page of another site
// that makes the browser post with its session cookie (CSRF) is refused with 403 on every endpoint
// that changes something, whatever it puts in Origin or Referer, and nothing changes. Cookies are
// SameSite=Lax, but a same-site sibling (another subdomain) or an old browser would still send them.
import { describe, expect, it } from "vitest";
import type { WebBindings } from "../lib/env.ts";
import { mailTo } from "./mailbox-helpers.ts";
import {
  authEnv,
  authRequest,
  cookieHeader,
  newClientAddress,
  ORIGIN,
  PASSWORD,
  signIn,
  signUp,
  sql,
} from "./workers-helpers.ts";

/** Cookie-authenticated POSTs that change the account or its sessions, with bodies that would succeed. */
const ENDPOINTS: Record<string, Record<string, unknown>> = {
  "/update-user": { name: "Changed By Another Site" },
  "/change-password": { currentPassword: PASSWORD, newPassword: "chosen by another site", revokeOtherSessions: true },
  "/change-email": { newEmail: "attacker@example.test", callbackURL: "/settings" },
  "/revoke-other-sessions": {},
  "/revoke-sessions": {},
  "/devices/revoke": { id: "another-device" },
  "/sign-out": {},
  "/delete-user": { password: PASSWORD },
};

/** What another site can make a browser send: Origin (or, without it, Referer) headers. */
const HOSTILE: Record<string, Record<string, string>> = {
  "Origin: null (a sandboxed frame, a data: URL)": { Origin: "null" },
  "another site": { Origin: "https://evil.example" },
  "the app's host over https (scheme mismatch)": { Origin: ORIGIN.replace("http:", "https:") },
  "the app's host on another port": { Origin: "http://localhost:3001" },
  "a lookalike suffix": { Origin: `${ORIGIN}.evil.example` },
  "a lookalike prefix": { Origin: "http://evil-localhost:3000" },
  "a subdomain": { Origin: "http://evil.localhost:3000" },
  "no Origin, another site's Referer": { Referer: "https://evil.example/page" },
  "no Origin, no Referer": {},
};

const post = (path: string, cookie: string, headers: Record<string, string>, body: unknown, bindings: WebBindings = authEnv) =>
  authRequest(
    path,
    {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie, "cf-connecting-ip": newClientAddress(), ...headers },
      body: JSON.stringify(body),
    },
    bindings,
  );

describe("Better Auth's Origin check on cookie-authenticated POSTs", () => {
  it("refuses every state-changing endpoint from every hostile origin with 403, and nothing changes", async () => {
    const { userId, email, cookie } = await signUp();
    const other = await signIn(email);
    const refused: string[] = [];
    for (const [path, body] of Object.entries(ENDPOINTS)) {
      for (const [name, headers] of Object.entries(HOSTILE)) {
        const response = await post(path, cookie, headers, body);
        const answer = (await response.json()) as { code?: string };
        if (response.status !== 403 || !/ORIGIN/.test(answer.code ?? "")) {
          refused.push(`${path} from ${name}: ${response.status} ${answer.code}`);
        }
      }
    }
    expect(refused).toEqual([]);

    // Nothing changed: the user, their address and password, both sessions.
    const [user] = await sql(`select name, email from "user" where id = $1`, [userId]);
    expect(user).toEqual({ name: "Ada Lovelace", email });
    expect(await mailTo("attacker@example.test")).toEqual([]);
    for (const session of [cookie, other]) {
      const live = await authRequest("/get-session?disableCookieCache=true", { headers: { Cookie: session } });
      expect(((await live.json()) as { user?: { id: string } } | null)?.user?.id).toBe(userId);
    }
    await signIn(email, PASSWORD);
  });

  it("lets the same request through from the app's own origin (so the refusals above are the Origin's doing)", async () => {
    const { userId, cookie } = await signUp();
    const response = await post("/update-user", cookie, { Origin: ORIGIN }, { name: "Changed By Ada" });
    expect(response.status).toBe(200);
    const [user] = await sql(`select name from "user" where id = $1`, [userId]);
    expect(user?.name).toBe("Changed By Ada");
    // A same-origin fetch from a page whose Origin is serialised as "null" but that the browser marks same-origin.
    const sameOrigin = await post("/update-user", cookie, { Origin: "null", "Sec-Fetch-Site": "same-origin" }, { name: "Ada" });
    expect(sameOrigin.status).toBe(200);
  });

  it("holds deployed on https: the http origin of the same host is refused, the https one accepted", async () => {
    const deployed = { ...authEnv, BETTER_AUTH_URL: "https://tasks.example", TRUSTED_ORIGINS: "" };
    const email = `${crypto.randomUUID()}@example.test`;
    const signedUp = await post(
      "/sign-up/email",
      "",
      { Origin: "https://tasks.example" },
      { name: "Ada", email, password: PASSWORD },
      deployed,
    );
    expect(signedUp.status).toBe(200);
    const cookie = cookieHeader(signedUp);
    for (const origin of ["http://tasks.example", "https://tasks.example.evil.example", "https://evil.tasks.example"]) {
      const response = await post("/update-user", cookie, { Origin: origin }, { name: "Changed" }, deployed);
      expect(response.status, origin).toBe(403);
    }
    const own = await post("/update-user", cookie, { Origin: "https://tasks.example" }, { name: "Ada Lovelace" }, deployed);
    expect(own.status).toBe(200);
  });
});
