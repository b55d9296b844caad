// Signing in with an OpenID Connect provider (the dev provider, a certified implementation) inside
// workerd: a new person gets an account, a returning one a session, each in at most three database
// round trips; a new person's user, account and session are written in one batch, all or nothing.
import { env } from "cloudflare:workers";
import { afterAll, describe, expect, it } from "vitest";
import { counted } from "./database-requests.ts";
import { atDevProvider, callback, oauthEnv, sessionOf, signInWithDevProvider, startSignIn } from "./oauth-helpers.ts";
import { authRequest, ORIGIN, sql } from "./workers-helpers.ts";

const newEmail = () => `${crypto.randomUUID()}@oidc.test`;

afterAll(async () => {
  await sql("drop trigger if exists refuse_oauth_session on session");
  await sql("drop function if exists refuse_oauth_session()");
});

describe("signing in with the OpenID provider", () => {
  it("creates the account on the first sign-in and lands on the callbackURL with a session", async () => {
    const email = newEmail();
    const { response, app, location } = await signInWithDevProvider({ email, name: "Ada", verified: true });
    expect(response.status).toBe(302);
    expect(location.pathname).toBe("/dashboard");
    const session = await sessionOf(app);
    expect(session?.user.email).toBe(email);
    expect(session?.user.emailVerified).toBe(true);
    const accounts = await sql(
      `select a.provider_id, a.account_id, a.access_token from account a join "user" u on u.id = a.user_id where u.email = $1`,
      [email],
    );
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ provider_id: "oidc", account_id: email });
  });

  it("stores the provider's access token encrypted", async () => {
    const email = newEmail();
    await signInWithDevProvider({ email, verified: true });
    const [row] = await sql(`select a.access_token from account a join "user" u on u.id = a.user_id where u.email = $1`, [email]);
    const stored = String(row?.access_token);
    expect(stored.length).toBeGreaterThan(0);
    // Better Auth's symmetric encryption: hex of nonce and ciphertext, never the provider's token.
    expect(stored).toMatch(/^[0-9a-f]+$/);
  });

  it("keeps no ID token: the row holds nothing shaped like a JWT, for a new and for a returning person", async () => {
    const email = newEmail();
    const rowOf = async () =>
      (await sql(`select a.* from account a join "user" u on u.id = a.user_id where u.email = $1`, [email]))[0] ?? {};
    const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;
    await signInWithDevProvider({ email, verified: true });
    const created = await rowOf();
    expect(created.id_token).toBeNull();
    expect(Object.values(created).filter((value) => JWT.test(String(value)))).toEqual([]);
    // A row written before the app stopped keeping them loses its ID token at the next sign-in.
    await sql(`update account set id_token = 'eyJold.eyJtoken.sig' where id = $1`, [created.id]);
    await signInWithDevProvider({ email, verified: true });
    const returning = await rowOf();
    expect(returning.id_token).toBeNull();
    expect(Object.values(returning).filter((value) => JWT.test(String(value)))).toEqual([]);
  });

  it("signs out of the app only, not of the provider", async () => {
    const { app } = await signInWithDevProvider({ email: newEmail(), verified: true });
    const response = await authRequest(
      "/sign-out",
      { method: "POST", headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: app.header }, body: "{}" },
      oauthEnv,
    );
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain(env.TEST_OIDC.issuer);
  });

  it("signs the same identity in again to the same user", async () => {
    const email = newEmail();
    const first = await signInWithDevProvider({ email, verified: true });
    const again = await signInWithDevProvider({ email, verified: true });
    expect((await sessionOf(again.app))?.user.id).toBe((await sessionOf(first.app))?.user.id);
    expect(await sql(`select id from "user" where email = $1`, [email])).toHaveLength(1);
  });

  it("makes at most three database round trips in the callback, for a new and for a returning person", async () => {
    const email = newEmail();
    const measure = async () => {
      const started = await startSignIn("oidc");
      const returned = await atDevProvider(started.authorizeUrl, { email, verified: true });
      const { requests, result } = await counted(() => callback(returned, started.app));
      expect(result.status).toBe(302);
      expect(new URL(result.headers.get("Location") ?? "", ORIGIN).pathname).toBe("/dashboard");
      return requests;
    };
    // New: the identity's account, the e-mail's user, one batch of user, account and session.
    // Returning: the identity's account with its user, the tokens' update, the session.
    expect({ new: await measure(), returning: await measure() }).toEqual({ new: 3, returning: 3 });
  });

  it("starts a sign-in without touching the database but for its rate limit", async () => {
    const { requests } = await counted(() => startSignIn("oidc"));
    expect(requests).toBeLessThanOrEqual(1 + 1);
  });
});

describe("a new person's batch", () => {
  it("leaves no user and no account behind when the session insert fails, and shows a page, not an error", async () => {
    await sql(`create or replace function refuse_oauth_session() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test'; end $$`);
    await sql(`create trigger refuse_oauth_session before insert on session for each row
      when (new.user_agent = 'refuse my oauth session') execute function refuse_oauth_session()`);
    const email = newEmail();
    const started = await startSignIn("oidc");
    const returned = await atDevProvider(started.authorizeUrl, { email, verified: true });
    const response = await authRequest(
      `${returned.pathname.slice("/api/auth".length)}${returned.search}`,
      { headers: { Cookie: started.app.header, "User-Agent": "refuse my oauth session" }, redirect: "manual" },
      oauthEnv,
    );
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("Location") ?? "", ORIGIN).pathname).toBe("/sign-in-problem");
    expect(response.headers.getSetCookie().join()).not.toContain("session_token=");
    expect(await sql(`select id from "user" where email = $1`, [email])).toEqual([]);
    expect(await sql(`select id from account where account_id = $1`, [email])).toEqual([]);
  });
});
