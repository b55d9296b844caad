// The cookies of a deployed web worker (an https: BETTER_AUTH_URL), inside workerd: every auth
// cookie is `__Secure-…` with Secure, HttpOnly, SameSite=Lax and Path=/, so that it never travels
// over plain http, page scripts cannot read it, and other sites' requests do not carry it (except
// top-level navigations). Locally (http:) the same cookies without the prefix and Secure.
import { describe, expect, it } from "vitest";
import type { WebBindings } from "../lib/env.ts";
import { authEnv, authRequest, cookieHeader, newClientAddress, PASSWORD } from "./workers-helpers.ts";

const APP = "https://tasks.example";
const deployed: WebBindings = { ...authEnv, BETTER_AUTH_URL: APP, TRUSTED_ORIGINS: "" };

const post = (path: string, body: unknown, bindings: WebBindings, origin: string) =>
  authRequest(
    path,
    {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: origin, "cf-connecting-ip": newClientAddress() },
      body: JSON.stringify(body),
    },
    bindings,
  );

/** Each Set-Cookie as its name and its attributes (lower-cased names, as written). */
function setCookies(response: Response) {
  return response.headers.getSetCookie().map((header) => {
    const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
    return { name: pair.slice(0, pair.indexOf("=")), attributes: attributes.map((each) => each.toLowerCase()) };
  });
}

async function signUpAndIn(bindings: WebBindings, origin: string) {
  const email = `${crypto.randomUUID()}@example.test`;
  expect((await post("/sign-up/email", { name: "Ada Lovelace", email, password: PASSWORD }, bindings, origin)).status).toBe(200);
  const signedIn = await post("/sign-in/email", { email, password: PASSWORD, rememberMe: false }, bindings, origin);
  expect(signedIn.status).toBe(200);
  return signedIn;
}

describe("auth cookies", () => {
  it("are __Secure-, Secure, HttpOnly, SameSite=Lax and Path=/ when deployed on https", async () => {
    const signedIn = await signUpAndIn(deployed, APP);
    const cookies = setCookies(signedIn);
    expect(cookies.map((cookie) => cookie.name).sort()).toEqual(
      ["__Secure-better-auth.dont_remember", "__Secure-better-auth.session_data", "__Secure-better-auth.session_token"].sort(),
    );
    for (const { name, attributes } of cookies) {
      expect(attributes, name).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
      expect(
        attributes.some((each) => each.startsWith("domain=")),
        `${name} is host-only`,
      ).toBe(false);
    }
    // The prefixed cookies are the ones read back: the session works.
    const session = await authRequest(
      "/get-session?disableCookieCache=true",
      { headers: { Cookie: cookieHeader(signedIn) } },
      deployed,
    );
    expect(((await session.json()) as { user?: { email: string } } | null)?.user).toBeTruthy();
    // And an unprefixed copy (which a plain-http response or a sibling subdomain could plant) is not.
    const planted = cookieHeader(signedIn).replaceAll("__Secure-", "");
    const ignored = await authRequest("/get-session?disableCookieCache=true", { headers: { Cookie: planted } }, deployed);
    expect(await ignored.json()).toBeNull();
  });

  it("are HttpOnly and SameSite=Lax without the prefix or Secure on http (local development)", async () => {
    const cookies = setCookies(await signUpAndIn(authEnv, authEnv.BETTER_AUTH_URL));
    expect(cookies.length).toBeGreaterThanOrEqual(3);
    for (const { name, attributes } of cookies) {
      expect(name.startsWith("better-auth."), name).toBe(true);
      expect(attributes, name).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
      expect(attributes, name).not.toContain("secure");
    }
  });
});
