// GitHub and Google through Better Auth's social providers, against stand-ins that check every
// request the app sends (oauth-stand-ins.ts): PKCE S256, state, redirect_uri, scopes, the client's
// secret. Their real answers include GitHub's private and unverified e-mails and Google's
// `email_verified: false`: only a verified address creates an account or joins an existing one.
import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, callback, sessionOf, startSignIn } from "./oauth-helpers.ts";
import {
  GITHUB,
  type GitHubPerson,
  type GooglePerson,
  ProviderStandIns,
  socialEnv as socialBindings,
} from "./oauth-stand-ins.ts";
import { ORIGIN, signUp, sql } from "./workers-helpers.ts";

const socialEnv = socialBindings();

const standIns = new ProviderStandIns();
beforeAll(() => standIns.install());

const newEmail = () => `${crypto.randomUUID()}@social.test`;
const githubId = () => Math.floor(Math.random() * 1e9);

async function viaGitHub(person: GitHubPerson, app = new CookieJar()) {
  const started = await startSignIn("github", { app, bindings: socialEnv });
  const response = await callback(standIns.authorizeGitHub(started.authorizeUrl, person), started.app, socialEnv);
  return { app, location: new URL(response.headers.get("Location") ?? "", ORIGIN) };
}

async function viaGoogle(person: GooglePerson, app = new CookieJar()) {
  const started = await startSignIn("google", { app, bindings: socialEnv });
  const response = await callback(standIns.authorizeGoogle(started.authorizeUrl, person), started.app, socialEnv);
  return { app, location: new URL(response.headers.get("Location") ?? "", ORIGIN) };
}

const accountsFor = (provider: string, email: string) =>
  sql(`select a.account_id from account a join "user" u on u.id = a.user_id where u.email = $1 and a.provider_id = $2`, [
    email,
    provider,
  ]);

describe("GitHub", () => {
  it("creates the account from the verified primary address when the profile's e-mail is private", async () => {
    const email = newEmail();
    const id = githubId();
    const { app, location } = await viaGitHub({
      id,
      login: "octo",
      name: null,
      email: null,
      emails: [
        { email: `other-${email}`, primary: false, verified: false, visibility: null },
        { email, primary: true, verified: true, visibility: "private" },
      ],
    });
    expect(location.pathname).toBe("/dashboard");
    expect((await sessionOf(app, socialEnv))?.user).toMatchObject({ email, emailVerified: true });
    expect(await accountsFor("github", email)).toEqual([{ account_id: String(id) }]);
    // The token request carried the verifier of the challenge the stand-in checked, and the secret.
    const token = standIns.requests.find((each) => each.url === "https://github.com/login/oauth/access_token");
    expect(token?.form?.get("code_verifier")).toMatch(/^[\w.~-]{43,128}$/);
    expect(token?.form?.get("client_secret")).toBe(GITHUB.clientSecret);
  });

  it("creates nothing from an unverified primary address", async () => {
    const email = newEmail();
    const { location } = await viaGitHub({
      id: githubId(),
      login: "unverified",
      name: "Un Verified",
      email,
      emails: [{ email, primary: true, verified: false, visibility: "public" }],
    });
    expect([location.pathname, location.searchParams.get("error")]).toEqual([
      "/sign-in-problem",
      "email_not_verified_by_provider",
    ]);
    expect(await sql(`select id from "user" where email = $1`, [email])).toEqual([]);
  });

  it("joins a verified local account only with a verified GitHub address", async () => {
    const local = await signUp();
    await sql(`update "user" set email_verified = true where id = $1`, [local.userId]);
    const unverified = await viaGitHub({
      id: githubId(),
      login: "claimer",
      name: null,
      email: local.email,
      emails: [{ email: local.email, primary: true, verified: false, visibility: "public" }],
    });
    expect(unverified.location.searchParams.get("error")).toBe("account_not_linked");
    expect(await accountsFor("github", local.email)).toEqual([]);
    const verified = await viaGitHub({
      id: githubId(),
      login: "owner",
      name: null,
      email: local.email,
      emails: [{ email: local.email, primary: true, verified: true, visibility: "public" }],
    });
    expect(verified.location.pathname).toBe("/dashboard");
    expect((await sessionOf(verified.app, socialEnv))?.user.email).toBe(local.email);
    expect(await accountsFor("github", local.email)).toHaveLength(1);
  });
});

describe("Google", () => {
  it("creates the account from a verified address, from its signed ID token", async () => {
    const email = newEmail();
    const sub = String(githubId());
    const { app, location } = await viaGoogle({ sub, email, email_verified: true, name: "Goo Gle" });
    expect(location.pathname).toBe("/dashboard");
    expect((await sessionOf(app, socialEnv))?.user).toMatchObject({ email, emailVerified: true });
    expect(await accountsFor("google", email)).toEqual([{ account_id: sub }]);
  });

  it("with email_verified false: creates nothing, and joins no existing account", async () => {
    const email = newEmail();
    const fresh = await viaGoogle({ sub: String(githubId()), email, email_verified: false, name: "No Proof" });
    expect(fresh.location.searchParams.get("error")).toBe("email_not_verified_by_provider");
    expect(await sql(`select id from "user" where email = $1`, [email])).toEqual([]);
    const local = await signUp();
    await sql(`update "user" set email_verified = true where id = $1`, [local.userId]);
    const claim = await viaGoogle({ sub: String(githubId()), email: local.email, email_verified: false, name: "Claimer" });
    expect(claim.location.searchParams.get("error")).toBe("account_not_linked");
    expect(await accountsFor("google", local.email)).toEqual([]);
  });
});

describe("the buttons' providers", () => {
  it("refuses a provider this environment does not offer", async () => {
    await expect(startSignIn("github")).rejects.toThrow(/sign-in start failed: 404/);
  });
});
