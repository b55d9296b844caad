// A browser whose session cookie names a dead session (signed out elsewhere, expired, its user
// deleted, forged, signed with a retired secret) reaches a served /signin in a few steps and
// without its cookies, instead of looping /dashboard → /signin → /dashboard. Inside workerd, with
// real sessions on the real database: the web's middleware itself (with a real cookie-cache
// cookie), the protected layout's session check as it makes it, and Better Auth's handler for
// the session-ended redirect. Only the page rendering is left out.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAuth } from "../lib/auth/create-auth.ts";
import { sessionEndedUrl } from "../lib/auth/plugins/session-ended/url.ts";
import type { WebBindings } from "../lib/env.ts";
import { runMiddleware } from "./middleware-helpers.ts";
import {
  authEnv,
  authPost,
  authRequest,
  newClientAddress,
  ORIGIN,
  randomSecret,
  signIn,
  signUp,
  sql,
} from "./workers-helpers.ts";

const PROTECTED = /^\/(dashboard|tasks|settings)(\/|\?|$)/;

/** The protected layout's check (app/(session)/(app)/layout.tsx, lib/auth/server.ts): auth.api.getSession on the page request's headers. */
async function layoutSession(cookie: string, bindings: WebBindings) {
  const ctx = createExecutionContext();
  try {
    return await createAuth(bindings, ctx).api.getSession({ headers: new Headers({ cookie }) });
  } finally {
    await waitOnExecutionContext(ctx);
  }
}

/** A browser's cookie jar: Set-Cookie applied as a browser would (Max-Age=0 removes). */
class CookieJar {
  readonly cookies = new Map<string, string>();
  constructor(header: string) {
    for (const pair of header.split("; ").filter(Boolean)) {
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  apply(response: Response) {
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = setCookie.split("; ");
      const eq = pair.indexOf("=");
      const expired = attributes.some((attribute) => /^max-age=0$/i.test(attribute));
      if (expired) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  get header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  get authCookies() {
    return [...this.cookies.keys()].filter((name) => name.includes("better-auth"));
  }
}

/**
 * Follows a navigation to `path` as the browser would, through the middleware, the protected
 * layout and Better Auth's handler, until a page is served (or 10 steps: a loop).
 */
async function navigate(path: string, jar: CookieJar, bindings: WebBindings = authEnv) {
  const steps: string[] = [];
  let url = new URL(path, ORIGIN);
  for (let step = 0; step < 10; step++) {
    const here = `${url.pathname}${url.search}`;
    steps.push(here);
    if (url.pathname.startsWith("/api/auth/")) {
      const response = await authRequest(here.slice("/api/auth".length), { headers: { cookie: jar.header } }, bindings);
      jar.apply(response);
      const location = response.headers.get("Location");
      if (!location) return { steps, served: here, status: response.status };
      url = new URL(location, ORIGIN);
      continue;
    }
    const result = await runMiddleware(here, jar.header, bindings);
    if (result.redirect) {
      url = result.redirect;
      continue;
    }
    expect(result.served).toBe(true);
    if (PROTECTED.test(here) && !(await layoutSession(jar.header, bindings))) {
      // The layout's redirect (the middleware passes the page's own path as x-pathname).
      url = new URL(sessionEndedUrl(here), ORIGIN);
      continue;
    }
    return { steps, served: here, status: 200 };
  }
  throw new Error(`redirect loop: ${steps.join(" → ")}`);
}

/** The browser dropped the 5-minute cookie cache (its Max-Age ran out). */
const cacheLapsed = (cookie: string) =>
  cookie
    .split("; ")
    .filter((pair) => !pair.includes("session_data"))
    .join("; ");

const SIGNED_OUT_AT_SIGNIN = `/signin?${new URLSearchParams({ from: "/dashboard", reason: "session-ended" })}`;

/** A session signed out from another device ("sign out other devices"): its browser's cookie. */
async function signedOutByAnotherDevice(): Promise<{ cookie: string }> {
  const { email, cookie } = await signUp();
  const other = await signIn(email);
  expect((await authPost("/revoke-other-sessions", other)).status).toBe(200);
  return { cookie };
}

/** The ways a session ends while its cookie stays in a browser; each returns that browser's cookie. */
const deadSessions: Record<string, () => Promise<{ cookie: string; bindings?: WebBindings }>> = {
  "signed out by another device": signedOutByAnotherDevice,
  expired: async () => {
    const { userId, cookie } = await signUp();
    await sql("update session set expires_at = now() - interval '1 second' where user_id = $1", [userId]);
    return { cookie };
  },
  "ended with its user": async () => {
    const { userId, cookie } = await signUp();
    await sql(`delete from "user" where id = $1`, [userId]);
    return { cookie };
  },
  "forged (a signature of another secret)": async () => {
    const { cookie } = await signUp();
    return { cookie: cookie.replace(/session_token=[^;.]+\.[^;]+/, (pair) => `${pair.slice(0, pair.lastIndexOf(".") + 1)}AAAA`) };
  },
  "signed with a secret since retired": async () => {
    const { cookie } = await signUp();
    return { cookie, bindings: { ...authEnv, BETTER_AUTH_SECRET: undefined, BETTER_AUTH_SECRETS: `2:${randomSecret()}` } };
  },
};

describe("a browser with a dead session's cookie", () => {
  for (const [name, end] of Object.entries(deadSessions)) {
    it(`${name}: lands on a served /signin from /dashboard, its auth cookies cleared`, async () => {
      const { cookie, bindings = authEnv } = await end();
      const jar = new CookieJar(cacheLapsed(cookie));
      expect(jar.authCookies.length).toBeGreaterThan(0);
      const { steps, served } = await navigate("/dashboard", jar, bindings);
      expect(served).toBe(SIGNED_OUT_AT_SIGNIN);
      expect(steps).toEqual(["/dashboard", sessionEndedUrl("/dashboard"), SIGNED_OUT_AT_SIGNIN]);
      expect(jar.authCookies).toEqual([]);
      // And from there on, /signin and /signup are served, /dashboard goes straight to sign-in.
      expect((await navigate("/signup", jar, bindings)).served).toBe("/signup");
      expect((await navigate("/dashboard", jar, bindings)).steps).toEqual(["/dashboard", "/signin?from=%2Fdashboard"]);
    });
  }

  it("is served /signin and /signup even before the layout has cleared the cookie", async () => {
    const { cookie } = await signedOutByAnotherDevice();
    for (const page of ["/signin", "/signup", "/signin?from=%2Ftasks&reason=session-ended"]) {
      expect(await runMiddleware(page, cacheLapsed(cookie))).toEqual({ served: true });
    }
  });
});

describe("a browser with a live session", () => {
  it("is sent from /signin and /signup to /dashboard while its cookie cache vouches for it, and served the page", async () => {
    const { cookie } = await signUp();
    for (const page of ["/signin", "/signup"]) {
      const { steps, served } = await navigate(page, new CookieJar(cookie));
      expect(steps).toEqual([page, "/dashboard"]);
      expect(served).toBe("/dashboard");
    }
  });

  it("is served /signin when sent there because its session ended, though its cookie cache still vouches", async () => {
    // Another tab signed out: its socket heard it before the sign-out's response cleared the cookies.
    const { cookie } = await signUp();
    expect(await runMiddleware("/signin?from=%2Fdashboard&reason=session-ended", cookie)).toEqual({ served: true });
    expect(await runMiddleware("/signin?from=%2Fdashboard", cookie)).toMatchObject({ redirect: new URL("/dashboard", ORIGIN) });
  });

  it("is served the page after its cookie cache lapsed, signed in (the layout reads the database)", async () => {
    const { cookie } = await signUp();
    const jar = new CookieJar(cacheLapsed(cookie));
    expect(await navigate("/tasks?status=open", jar)).toMatchObject({
      steps: ["/tasks?status=open"],
      served: "/tasks?status=open",
    });
    // Without the cache there is no telling without the database: sign-in is shown, harmlessly.
    expect((await navigate("/signin", jar)).served).toBe("/signin");
  });

  it("is not signed out by a link to the session-ended path (from another site, say)", async () => {
    const { cookie } = await signUp();
    const jar = new CookieJar(cacheLapsed(cookie));
    const before = jar.header;
    const response = await authRequest(sessionEndedUrl("/settings").slice("/api/auth".length), { headers: { cookie: before } });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/settings");
    expect(response.headers.getSetCookie()).toEqual([]);
    jar.apply(response);
    expect(jar.header).toBe(before);
    expect(await layoutSession(before, authEnv)).not.toBeNull();
  });

  it("keeps a cookie cache that names another session, or that another secret signed, from vouching for it", async () => {
    const ada = await signUp();
    const grace = await signUp("Grace Hopper");
    const adaToken = ada.cookie.split("; ").find((pair) => pair.includes("session_token")) as string;
    const graceCache = grace.cookie.split("; ").find((pair) => pair.includes("session_data")) as string;
    expect(await runMiddleware("/signin", `${adaToken}; ${graceCache}`)).toEqual({ served: true });
    const otherSecret = { ...authEnv, BETTER_AUTH_SECRET: randomSecret() };
    expect(await runMiddleware("/signin", ada.cookie, otherSecret)).toEqual({ served: true });
    // During a rotation, a cache signed just before the switch still vouches.
    const switched = { ...authEnv, BETTER_AUTH_SECRETS: `2:${randomSecret()},1:${authEnv.BETTER_AUTH_SECRET}` };
    expect(await runMiddleware("/signin", ada.cookie, switched)).toMatchObject({ redirect: new URL("/dashboard", ORIGIN) });
  });
});

describe("the session-ended redirect", () => {
  const clearing = (response: Response) =>
    response.headers
      .getSetCookie()
      .filter((cookie) => /max-age=0/i.test(cookie))
      .map((cookie) => cookie.split("=")[0]);

  it("clears the session token, the cookie cache and 'don't remember me', with __Secure- and Secure when deployed on https", async () => {
    const deployed = { ...authEnv, BETTER_AUTH_URL: "https://tasks.example", TRUSTED_ORIGINS: "" };
    const response = await authRequest(
      sessionEndedUrl("/tasks").slice("/api/auth".length),
      {
        headers: { cookie: "__Secure-better-auth.session_token=gone.AAAA; __Secure-better-auth.dont_remember=true.AAAA" },
      },
      deployed,
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/signin?from=%2Ftasks&reason=session-ended");
    const names = [
      "__Secure-better-auth.session_token",
      "__Secure-better-auth.session_data",
      "__Secure-better-auth.dont_remember",
    ];
    expect(clearing(response)).toEqual(expect.arrayContaining(names));
    for (const cookie of response.headers.getSetCookie()) {
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; Path=\//);
    }
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  it("clears the plain cookies on http (local development)", async () => {
    const response = await authRequest(sessionEndedUrl("/dashboard").slice("/api/auth".length), {
      headers: { cookie: "better-auth.session_token=gone.AAAA" },
    });
    expect(clearing(response)).toEqual(
      expect.arrayContaining(["better-auth.session_token", "better-auth.session_data", "better-auth.dont_remember"]),
    );
  });

  it("sends every hostile `from` to a path of the app's own, never elsewhere, never a 5xx", async () => {
    const { cookie } = await signedOutByAnotherDevice();
    const hostile = [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/signin",
      "javascript:alert(1)",
    ];
    const check = async (from: string) => {
      for (const withCookie of [cacheLapsed(cookie), ""]) {
        const response = await authRequest(`/session-ended?from=${encodeURIComponent(from)}`, {
          headers: { cookie: withCookie },
        });
        expect(response.status).toBe(302);
        const location = new URL(response.headers.get("Location") ?? "", ORIGIN);
        expect(location.origin).toBe(ORIGIN);
        expect(location.pathname).toBe("/signin");
        const back = new URL(location.searchParams.get("from") ?? "", ORIGIN);
        expect(back.origin).toBe(ORIGIN);
        expect(back.pathname.startsWith("//")).toBe(false);
      }
    };
    for (const from of hostile) await check(from);
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200 }), check), { numRuns: 40 });
  });

  it("costs one database round trip with a signed session cookie, none without, and no rate-limit row", async () => {
    const stats = async () =>
      ((await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number }).httpRequests;
    const { cookie } = await signedOutByAnotherDevice();
    const address = newClientAddress();
    const counted = async (cookieHeaderValue: string) => {
      const before = await stats();
      const response = await authRequest("/session-ended?from=%2Fdashboard", {
        headers: { cookie: cookieHeaderValue, "cf-connecting-ip": address },
      });
      expect(response.status).toBe(302);
      return (await stats()) - before;
    };
    expect(await counted(cacheLapsed(cookie))).toBe(1);
    expect(await counted("")).toBe(0);
    expect(await counted("better-auth.session_token=forged.AAAA")).toBe(0);
    expect(await sql("select key from rate_limit where key like $1", [`${address}|%`])).toEqual([]);
  });
});

describe("the browser's own token request after a revocation", () => {
  it("clears the cookies too, so the client's move to /signin is not bounced back", async () => {
    const { cookie } = await signedOutByAnotherDevice();
    const jar = new CookieJar(cookie);
    const response = await authRequest("/token", { headers: { cookie: jar.header, Origin: ORIGIN } });
    expect(response.status).toBe(401);
    jar.apply(response);
    expect(jar.authCookies).toEqual([]);
    expect((await navigate(SIGNED_OUT_AT_SIGNIN, jar)).served).toBe(SIGNED_OUT_AT_SIGNIN);
  });
});
