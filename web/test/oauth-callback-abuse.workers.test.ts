// The OAuth callback under abuse: a forged, missing, expired or replayed state, a foreign or replayed code,
// an error from the provider, a provider that is down, a callbackURL off the site. Each answers
// the sign-in problem page (or a 4xx at the start), never a 5xx, signs nobody in, and lands only
// on this origin.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { WebBindings } from "../lib/env.ts";
import { atDevProvider, CookieJar, callback, oauthEnv, startSignIn } from "./oauth-helpers.ts";
import { authRequest, newClientAddress, ORIGIN, sql } from "./workers-helpers.ts";

const newIdentity = () => ({ email: `${crypto.randomUUID()}@oidc.test`, verified: true });

/** The callback answered a redirect to the problem page with `error`, and set no session. */
function expectProblemPage(response: Response, error: string) {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("Location") ?? "", ORIGIN);
  expect(location.origin).toBe(ORIGIN);
  expect(location.pathname).toBe("/sign-in-problem");
  expect(location.searchParams.get("error")).toBe(error);
  expect(response.headers.getSetCookie().join()).not.toContain("session_token=");
}

const callbackWith = (query: Record<string, string>, cookie: string, bindings: WebBindings = oauthEnv) =>
  authRequest(`/callback/oidc?${new URLSearchParams(query)}`, { headers: { Cookie: cookie }, redirect: "manual" }, bindings);

describe("the callback's state", () => {
  it("refuses a forged state, a missing one, and a callback without the state cookie", async () => {
    const identity = newIdentity();
    const started = await startSignIn("oidc");
    const returned = await atDevProvider(started.authorizeUrl, identity);
    const code = returned.searchParams.get("code") ?? "";
    const state = returned.searchParams.get("state") ?? "";
    expectProblemPage(await callbackWith({ code, state: `${state}x` }, started.app.header), "state_mismatch");
    expectProblemPage(await callbackWith({ code }, started.app.header), "state_not_found");
    // Another browser (no state cookie): the login CSRF a state exists to stop.
    expectProblemPage(await callbackWith({ code, state }, ""), "state_mismatch");
    // A state cookie that is not one this app encrypted.
    expectProblemPage(await callbackWith({ code, state }, "better-auth.oauth_state=forged"), "state_invalid");
    expect(await sql(`select id from "user" where email = $1`, [identity.email])).toEqual([]);
  });

  it("refuses a replayed callback: in the same browser (state spent) and with the old cookie kept (code spent)", async () => {
    const started = await startSignIn("oidc");
    const stateCookie = started.app.header;
    const returned = await atDevProvider(started.authorizeUrl, newIdentity());
    expect((await callback(returned, started.app)).status).toBe(302);
    expect(started.app.has("session_token")).toBe(true);
    const query = Object.fromEntries(returned.searchParams);
    // The browser's cookie was spent by the first callback.
    const sameBrowser = new CookieJar(started.app.header);
    expectProblemPage(await callbackWith(query, sameBrowser.header.replace(/[^;]*session[^;]*;?/g, "")), "state_mismatch");
    // Someone who kept a copy of the state cookie: the provider refuses the spent code.
    expectProblemPage(await callbackWith(query, stateCookie), "invalid_code");
  });
});

describe("a state past its ten minutes", () => {
  afterEach(() => vi.useRealTimers());
  const TEN_MINUTES = 10 * 60_000;

  /** A sign-in started now whose callback arrives `laterMs` later, by the app's clock, with the state cookie kept. */
  async function callbackAfter(laterMs: number) {
    const identity = newIdentity();
    const started = await startSignIn("oidc");
    const returned = await atDevProvider(started.authorizeUrl, identity);
    // Only Date moves: the browser kept the cookie past its Max-Age (or copied it), the provider's code is fresh.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + laterMs);
    return { response: await callback(returned, started.app), identity, app: started.app };
  }

  it("answers the problem page and signs nobody in", async () => {
    const { response, identity } = await callbackAfter(TEN_MINUTES + 1000);
    expectProblemPage(response, "state_mismatch");
    expect(await sql(`select id from "user" where email = $1`, [identity.email])).toEqual([]);
  });

  it("still signs in just inside the ten minutes (the clock, not the test, made the difference above)", async () => {
    const { response, app } = await callbackAfter(TEN_MINUTES - 30_000);
    expect(new URL(response.headers.get("Location") ?? "", ORIGIN).pathname).toBe("/dashboard");
    expect(app.has("session_token")).toBe(true);
  });
});

describe("the code and the provider", () => {
  it("refuses a code the provider never issued", async () => {
    const started = await startSignIn("oidc");
    const state = started.authorizeUrl.searchParams.get("state") ?? "";
    expectProblemPage(await callbackWith({ code: "foreign-code", state }, started.app.header), "invalid_code");
  });

  it("shows the provider's refusal (the person clicked Deny)", async () => {
    const started = await startSignIn("oidc");
    const returned = await atDevProvider(started.authorizeUrl, newIdentity(), "deny");
    expect(returned.searchParams.get("error")).toBe("access_denied");
    expectProblemPage(await callback(returned, started.app), "access_denied");
  });

  it("shows a page when the provider is down", async () => {
    const started = await startSignIn("oidc");
    const returned = await atDevProvider(started.authorizeUrl, newIdentity());
    // The same app, its provider now answering 503 to everything.
    const down = { ...oauthEnv, OIDC_ISSUER: env.TEST_OIDC.downIssuer } as WebBindings;
    const response = await callback(returned, started.app, down);
    expectProblemPage(response, "oauth_provider_not_found");
    const start = await authRequest(
      "/sign-in/social",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress() },
        body: JSON.stringify({ provider: "oidc", callbackURL: "/dashboard" }),
      },
      down,
    );
    expect(start.status).toBeGreaterThanOrEqual(400);
    expect(start.status).toBeLessThan(500);
  });
});

describe("where the sign-in lands", () => {
  const OFF_SITE = [
    "https://evil.example/",
    "//evil.example/",
    "/\t/evil.example/",
    "/\\evil.example",
    "http://localhost:3000.evil.example/",
    "javascript:alert(1)",
  ];
  it.each(OFF_SITE)("refuses %j as callbackURL, errorCallbackURL or newUserCallbackURL with a 4xx", async (url) => {
    for (const field of ["callbackURL", "errorCallbackURL", "newUserCallbackURL"]) {
      const response = await authRequest(
        "/sign-in/social",
        {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress() },
          body: JSON.stringify({ provider: "oidc", callbackURL: "/dashboard", [field]: url }),
        },
        oauthEnv,
      );
      expect([field, response.status]).toEqual([field, 403]);
    }
  });
});
