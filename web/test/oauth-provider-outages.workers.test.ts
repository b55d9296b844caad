// A provider that is down or slow (providers/provider-timeout.ts). Every request to a provider has
// a time limit, here shortened to LIMIT_MS through OAUTH_PROVIDER_TIMEOUT_MS: a token, profile or
// e-mail endpoint that never answers, answers too late, refuses the connection, answers 503 or an
// HTML page ends in the sign-in problem page within the limit, signs nobody in and creates nothing.
// GitHub and Google are stand-ins inside workerd (oauth-stand-ins.ts); the OpenID provider that
// never answers is a real server on loopback (test/global-setup.ts) that accepts and stays silent.
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebBindings } from "../lib/env.ts";
import { type CookieJar, callback, oauthEnv, startSignIn } from "./oauth-helpers.ts";
import { type Outage, ProviderStandIns, socialEnv as socialBindings } from "./oauth-stand-ins.ts";
import { authRequest, newClientAddress, ORIGIN, sql } from "./workers-helpers.ts";

const LIMIT_MS = 300;
/** The limit plus room for the rest of the callback on a loaded machine; far below "never". */
const WITHIN_MS = LIMIT_MS * 2 + 1500;

const socialEnv = socialBindings({ OAUTH_PROVIDER_TIMEOUT_MS: String(LIMIT_MS) } as Partial<WebBindings>);

const standIns = new ProviderStandIns();
beforeAll(() => standIns.install());
afterEach(() => standIns.outages.clear());

const TOKEN = "POST https://github.com/login/oauth/access_token";
const PROFILE = "GET https://api.github.com/user";
const EMAILS = "GET https://api.github.com/user/emails";
const GOOGLE_TOKEN = "POST https://oauth2.googleapis.com/token";

const OUTAGES: [string, Outage][] = [
  ["never answers", { kind: "silent" }],
  ["answers after the limit", { kind: "late", lateMs: LIMIT_MS * 4 }],
  ["refuses the connection", { kind: "refused" }],
  ["answers 503", { kind: "503" }],
  ["answers an HTML page", { kind: "html" }],
];

/** A GitHub sign-in through `route` failing as `outage`: the answer, how long it took, and who it was. */
async function gitHubSignInWhile(route: string, outage: Outage) {
  const email = `${crypto.randomUUID()}@outage.test`;
  const started = await startSignIn("github", { bindings: socialEnv });
  const returned = standIns.authorizeGitHub(started.authorizeUrl, {
    id: Math.floor(Math.random() * 1e9),
    login: "slow",
    name: "Slow Provider",
    email,
    emails: [{ email, primary: true, verified: true, visibility: "public" }],
  });
  standIns.outages.set(route, outage);
  const began = Date.now();
  const response = await callback(returned, started.app, socialEnv);
  return { response, elapsed: Date.now() - began, email, app: started.app };
}

/**
 * The sign-in problem page, on this origin, with no session cookie, saying the provider failed:
 * the code could not be exchanged, or the person's details could not be read. GitHub's provider
 * reads an e-mail list it cannot get as "no verified address" (Better Auth's choice), so that
 * page is the one for a failing e-mails endpoint.
 */
function expectProblemPage(response: Response, app: CookieJar, route = TOKEN) {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("Location") ?? "", ORIGIN);
  expect([location.origin, location.pathname]).toEqual([ORIGIN, "/sign-in-problem"]);
  const expected =
    route === EMAILS ? /^(unable_to_get_user_info|email_not_verified_by_provider)$/ : /^(invalid_code|unable_to_get_user_info)$/;
  expect(location.searchParams.get("error")).toMatch(expected);
  expect(app.has("session_token")).toBe(false);
}

describe("GitHub down or slow", () => {
  for (const [route, name] of [
    [TOKEN, "the token endpoint"],
    [PROFILE, "the profile endpoint"],
    [EMAILS, "the e-mails endpoint"],
  ] as const) {
    it.each(OUTAGES)(`${name} %s: the problem page within the limit, nothing created`, async (_how, outage) => {
      const { response, elapsed, email, app } = await gitHubSignInWhile(route, outage);
      expectProblemPage(response, app, route);
      expect(elapsed).toBeLessThan(WITHIN_MS);
      expect(await sql(`select id from "user" where email = $1`, [email])).toEqual([]);
    });
  }

  it("signs in once the provider answers again (the limit is per request, not a broken state)", async () => {
    const { response } = await gitHubSignInWhile(TOKEN, { kind: "late", lateMs: LIMIT_MS / 3 });
    expect(new URL(response.headers.get("Location") ?? "", ORIGIN).pathname).toBe("/dashboard");
  });
});

describe("Google slow", () => {
  it("a token endpoint that never answers: the problem page within the limit, nothing created", async () => {
    const email = `${crypto.randomUUID()}@outage.test`;
    const started = await startSignIn("google", { bindings: socialEnv });
    const returned = standIns.authorizeGoogle(started.authorizeUrl, {
      sub: crypto.randomUUID(),
      email,
      email_verified: true,
      name: "Slow Google",
    });
    standIns.outages.set(GOOGLE_TOKEN, { kind: "silent" });
    const began = Date.now();
    const response = await callback(returned, started.app, socialEnv);
    expectProblemPage(response, started.app, GOOGLE_TOKEN);
    expect(Date.now() - began).toBeLessThan(WITHIN_MS);
    expect(await sql(`select id from "user" where email = $1`, [email])).toEqual([]);
  });
});

describe("an OpenID provider that never answers (a real server on loopback)", () => {
  const silentEnv = {
    ...oauthEnv,
    OIDC_ISSUER: env.TEST_OIDC.silentIssuer,
    OAUTH_PROVIDER_TIMEOUT_MS: String(LIMIT_MS),
  } as WebBindings;

  it("starting a sign-in answers a 4xx with a JSON body within the limit", async () => {
    const began = Date.now();
    const response = await authRequest(
      "/sign-in/social",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress() },
        body: JSON.stringify({ provider: "oidc", callbackURL: "/dashboard" }),
      },
      silentEnv,
    );
    // Discovery when the instance starts, then the plugin's retry for the sign-in: two limits.
    expect(Date.now() - began).toBeLessThan(WITHIN_MS + LIMIT_MS);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });

  it("the app's other requests do not wait for it: after one failed discovery, get-session does not ask again", async () => {
    // A longer limit here, so that "did not wait for it" is far from the machine's noise.
    const patientEnv = { ...silentEnv, OAUTH_PROVIDER_TIMEOUT_MS: "2000" } as WebBindings;
    const first = Date.now();
    expect((await authRequest("/get-session", {}, patientEnv)).status).toBe(200);
    expect(Date.now() - first).toBeLessThan(2000 + WITHIN_MS);
    const second = Date.now();
    expect((await authRequest("/get-session", {}, patientEnv)).status).toBe(200);
    expect(Date.now() - second).toBeLessThan(1000);
  });
});
