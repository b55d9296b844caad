// The linking rules, as a matrix: an identity from the OpenID provider joins an existing account
// with its e-mail only when the provider says the address is verified AND the account's own
// address is verified, whether or not the browser is signed in. Otherwise the sign-in problem
// page (account_not_linked), and nothing is linked or created. A new person needs a verified
// address; connecting from Settings (link-social) needs a verified identity with the same address.
import { describe, expect, it } from "vitest";
import { atDevProvider, CookieJar, callback, sessionOf, signInWithDevProvider, startSignIn } from "./oauth-helpers.ts";
import { authPost, ORIGIN, signUp, sql } from "./workers-helpers.ts";

const oidcAccountsOf = (email: string) =>
  sql(`select a.user_id from account a join "user" u on u.id = a.user_id where u.email = $1 and a.provider_id = 'oidc'`, [email]);

const cases = [true, false].flatMap((providerVerified) =>
  [true, false].flatMap((localVerified) => [true, false].map((signedIn) => ({ providerVerified, localVerified, signedIn }))),
);

describe("an identity whose e-mail has an account here", () => {
  it.each(cases)("provider verified $providerVerified, account verified $localVerified, signed in $signedIn", async (row) => {
    const local = await signUp();
    if (row.localVerified) await sql(`update "user" set email_verified = true where id = $1`, [local.userId]);
    const app = new CookieJar(row.signedIn ? local.cookie : "");
    const { location } = await signInWithDevProvider({ email: local.email, verified: row.providerVerified }, app);
    const linked = row.providerVerified && row.localVerified;
    expect(await sql(`select id from "user" where email = $1`, [local.email])).toHaveLength(1);
    if (linked) {
      expect(location.pathname).toBe("/dashboard");
      expect(await oidcAccountsOf(local.email)).toEqual([{ user_id: local.userId }]);
      expect((await sessionOf(app))?.user.id).toBe(local.userId);
    } else {
      expect(location.pathname).toBe("/sign-in-problem");
      expect(location.searchParams.get("error")).toBe("account_not_linked");
      expect(await oidcAccountsOf(local.email)).toEqual([]);
    }
  });
});

describe("a new person", () => {
  it("gets no account from an address the provider has not verified", async () => {
    const email = `${crypto.randomUUID()}@oidc.test`;
    const { location, response } = await signInWithDevProvider({ email, verified: false });
    expect(response.headers.getSetCookie().join()).not.toContain("session_token=");
    expect(location.pathname).toBe("/sign-in-problem");
    expect(location.searchParams.get("error")).toBe("email_not_verified_by_provider");
    expect(await sql(`select id from "user" where email = $1`, [email])).toEqual([]);
  });
});

describe("connecting an identity from Settings (link-social)", () => {
  const connect = async (cookie: string, identity: { email: string; verified: boolean }) => {
    const started = await startSignIn("oidc", { app: new CookieJar(cookie), link: true, callbackURL: "/settings" });
    const response = await callback(await atDevProvider(started.authorizeUrl, identity), started.app);
    return new URL(response.headers.get("Location") ?? "", ORIGIN);
  };

  it("connects a verified identity with the account's address, even before the account's own verification", async () => {
    const local = await signUp();
    const location = await connect(local.cookie, { email: local.email, verified: true });
    expect(location.pathname).toBe("/settings");
    expect(await oidcAccountsOf(local.email)).toEqual([{ user_id: local.userId }]);
  });

  it("refuses an identity the provider has not verified, and one with another address", async () => {
    const local = await signUp();
    const unverified = await connect(local.cookie, { email: local.email, verified: false });
    expect([unverified.pathname, unverified.searchParams.get("error")]).toEqual(["/sign-in-problem", "unable_to_link_account"]);
    const other = await connect(local.cookie, { email: `${crypto.randomUUID()}@oidc.test`, verified: true });
    expect([other.pathname, other.searchParams.get("error")]).toEqual(["/sign-in-problem", "email_does_not_match"]);
    expect(await oidcAccountsOf(local.email)).toEqual([]);
  });

  it("refuses an identity already connected to someone else", async () => {
    const owner = `${crypto.randomUUID()}@oidc.test`;
    await signInWithDevProvider({ email: owner, verified: true });
    const local = await signUp();
    const location = await connect(local.cookie, { email: owner, verified: true });
    expect(location.pathname).toBe("/sign-in-problem");
    expect(await sql("select user_id from account where provider_id = 'oidc' and account_id = $1", [owner])).toHaveLength(1);
  });
});

describe("disconnecting (unlink-account)", () => {
  const accountRows = (userId: string) =>
    sql("select id, provider_id from account where user_id = $1 order by provider_id", [userId]);

  it("disconnects an identity while another way in remains, and never the last one", async () => {
    const local = await signUp();
    await sql(`update "user" set email_verified = true where id = $1`, [local.userId]);
    const { app } = await signInWithDevProvider({ email: local.email, verified: true }, new CookieJar(local.cookie));
    const [credential, oidc] = await accountRows(local.userId);
    expect([credential?.provider_id, oidc?.provider_id]).toEqual(["credential", "oidc"]);
    expect((await authPost("/unlink-account", app.header, { accountId: oidc?.id })).status).toBe(200);
    const last = await authPost("/unlink-account", app.header, { accountId: credential?.id });
    expect(last.status).toBe(400);
    expect(((await last.json()) as { code: string }).code).toBe("FAILED_TO_UNLINK_LAST_ACCOUNT");
    expect(await accountRows(local.userId)).toEqual([{ id: credential?.id, provider_id: "credential" }]);
  });

  it("keeps the only identity of an account made by the provider", async () => {
    const email = `${crypto.randomUUID()}@oidc.test`;
    const { app } = await signInWithDevProvider({ email, verified: true });
    const userId = (await sessionOf(app))?.user.id ?? "";
    const [only] = await accountRows(userId);
    expect((await authPost("/unlink-account", app.header, { accountId: only?.id })).status).toBe(400);
    expect(await accountRows(userId)).toHaveLength(1);
  });
});
