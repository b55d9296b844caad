// Rotating BETTER_AUTH_SECRET with versioned secrets, inside workerd on the real local database:
// at every step of the rotation, sessions begun before it stay signed in (through /api/auth/* and
// on server-rendered pages), the stored private keys stay readable and new tokens keep being
// issued; the API keeps accepting them; links mailed before the switch keep working.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { SignJWT } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { createAuth } from "../lib/auth/create-auth.ts";
import type { WebBindings } from "../lib/env.ts";
import { actionLink, authPathOf, lastMail } from "./mailbox-helpers.ts";
import {
  apiEnvWithAuthBinding,
  apiFetch,
  authEnv,
  authRequest,
  cookieHeader,
  newClientAddress,
  ORIGIN,
  PASSWORD,
  randomSecret,
  rotateKeys,
  signUp,
  sql,
  verifyingAuthEnv,
} from "./workers-helpers.ts";

const OLD = authEnv.BETTER_AUTH_SECRET;
const NEW = randomSecret();

/** The README's steps, as the env of the web worker at each of them. */
const steps: Record<string, WebBindings> = {
  "1. new secret known, old one still current": { ...authEnv, BETTER_AUTH_SECRETS: `1:${OLD},2:${NEW}` },
  "2. new secret current, old one still accepted": { ...authEnv, BETTER_AUTH_SECRETS: `2:${NEW},1:${OLD}` },
};
const SWITCHED = steps["2. new secret current, old one still accepted"] as WebBindings;
const retired: WebBindings = { ...authEnv, BETTER_AUTH_SECRET: undefined, BETTER_AUTH_SECRETS: `2:${NEW}` };

const { apiEnv } = apiEnvWithAuthBinding();
const api = apiFetch(apiEnv);

/** The session in `cookie` works under `bindings`: get-session from the database, a token, the API. */
async function expectSignedIn(cookie: string, userId: string, bindings: WebBindings) {
  const session = await authRequest("/get-session?disableCookieCache=true", { headers: { Cookie: cookie } }, bindings);
  expect(((await session.json()) as { user?: { id: string } } | null)?.user?.id).toBe(userId);
  const token = await authRequest("/token", { headers: { Cookie: cookie } }, bindings);
  expect(token.status).toBe(200);
  const { token: jwt } = (await token.json()) as { token: string };
  const list = await api(`https://api.test/api/${userId}/tasks`, { headers: { Authorization: `Bearer ${jwt}` } });
  expect(list.status).toBe(200);
}

/**
 * The session as a server-rendered page reads it: the protected layout's getSession
 * (web/lib/auth/server.ts) calls `auth.api.getSession` with the page request's headers, outside
 * Better Auth's HTTP handler.
 */
async function sessionOnPage(cookie: string, bindings: WebBindings) {
  const ctx = createExecutionContext();
  try {
    return await createAuth(bindings, ctx).api.getSession({ headers: new Headers({ cookie }) });
  } finally {
    await waitOnExecutionContext(ctx);
  }
}

const post = (path: string, body: unknown, bindings: WebBindings) =>
  authRequest(
    path,
    {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress() },
      body: JSON.stringify(body),
    },
    bindings,
  );

async function signInUnder(email: string, bindings: WebBindings, rememberMe = true): Promise<string> {
  const response = await post("/sign-in/email", { email, password: PASSWORD, rememberMe }, bindings);
  expect(response.status).toBe(200);
  return cookieHeader(response);
}

/** Only the session token (and "don't remember me"): the browser dropped the 5-minute cookie cache. */
const withoutCookieCache = (cookie: string) =>
  cookie
    .split("; ")
    .filter((pair) => !pair.includes("session_data"))
    .join("; ");

afterAll(async () => {
  // Leave a signing key that the other test files' single secret can read.
  await rotateKeys(authEnv);
});

describe("auth secret rotation", () => {
  it("keeps every session signed in and every token flowing through each step", async () => {
    const before = await signUp();
    await expectSignedIn(before.cookie, before.userId, authEnv);

    for (const [name, bindings] of Object.entries(steps)) {
      await expectSignedIn(before.cookie, before.userId, bindings).catch((error) => {
        throw new Error(`${name}: ${error}`);
      });
    }
    // Once every instance runs step 2: a signing key encrypted under the new secret.
    await rotateKeys(steps["2. new secret current, old one still accepted"] as WebBindings);
    const during = await signInUnder(before.email, steps["2. new secret current, old one still accepted"] as WebBindings);
    for (const bindings of Object.values(steps)) {
      await expectSignedIn(before.cookie, before.userId, bindings);
      await expectSignedIn(during, before.userId, bindings);
    }
    // After the session lifetime, the old secret goes: sessions signed in since still work.
    await expectSignedIn(during, before.userId, retired);
  });

  it("keeps a session signed with the old secret signed in on server-rendered pages (auth.api.getSession)", async () => {
    const user = await signUp();
    const notRemembered = await signInUnder(user.email, authEnv, false);
    expect(notRemembered).toContain("dont_remember");
    const cookies = {
      "session token and cookie cache": user.cookie,
      "session token only (cache lapsed)": withoutCookieCache(user.cookie),
      "not remembered (dont_remember)": withoutCookieCache(notRemembered),
    };
    for (const [bindingsName, bindings] of Object.entries({ "before the rotation": authEnv, ...steps })) {
      for (const [cookieName, cookie] of Object.entries(cookies)) {
        const session = await sessionOnPage(cookie, bindings);
        expect(session?.user.id, `${bindingsName}, ${cookieName}`).toBe(user.userId);
      }
    }
    // Once the old secret is retired, nobody can tell its cookies from forgeries: signed out.
    expect(await sessionOnPage(withoutCookieCache(user.cookie), retired)).toBeNull();
  });

  it("keeps a verification link mailed before the switch working after it, and refuses it once expired", async () => {
    const email = `${crypto.randomUUID()}@example.test`;
    const signUpResponse = await post("/sign-up/email", { name: "Ada Lovelace", email, password: PASSWORD }, verifyingAuthEnv);
    expect(signUpResponse.status).toBe(200);
    const link = authPathOf(actionLink(await lastMail(email, /^Verify/)));

    const verified = await authRequest(link, {}, { ...verifyingAuthEnv, BETTER_AUTH_SECRETS: SWITCHED.BETTER_AUTH_SECRETS });
    expect(verified.status).toBe(302);
    expect(verified.headers.get("Location")).not.toMatch(/error=/);
    const [user] = await sql(`select id, email_verified from "user" where email = $1`, [email]);
    expect(user?.email_verified).toBe(true);

    // Re-signed or not, an expired link stays expired and a forged one stays forged.
    const now = Math.floor(Date.now() / 1000);
    const sign = (secret: string, expiresAt: number) =>
      new SignJWT({ email, userId: user?.id })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuedAt(expiresAt - 3600)
        .setExpirationTime(expiresAt)
        .sign(new TextEncoder().encode(secret));
    const open = async (token: string) =>
      (await authRequest(`/verify-email?token=${token}&callbackURL=/verify-email`, {}, SWITCHED)).headers.get("Location");
    expect(await open(await sign(OLD, now - 1))).toBe("/verify-email?error=TOKEN_EXPIRED");
    expect(await open(await sign(randomSecret(), now + 600))).toBe("/verify-email?error=INVALID_TOKEN");
  });

  it("keeps a reset link mailed before the switch working after it", async () => {
    const { email } = await signUp();
    expect((await post("/request-password-reset", { email, redirectTo: "/reset-password" }, authEnv)).status).toBe(200);
    const token = await resetTokenOf(actionLink(await lastMail(email, /^Reset your/)), SWITCHED);
    const reset = await post("/reset-password", { token, newPassword: "a brand new passphrase" }, SWITCHED);
    expect(reset.status).toBe(200);
    const signedIn = await post("/sign-in/email", { email, password: "a brand new passphrase" }, SWITCHED);
    expect(signedIn.status).toBe(200);
  });

  it("answers 401, not 500, for a session cookie signed with a secret nobody knows any more", async () => {
    const user = await signUp();
    const response = await authRequest("/token", { headers: { Cookie: user.cookie } }, retired);
    expect(response.status).toBe(401);
  });
});

/** The token of a mailed reset link, as the reset page receives it (through Better Auth's redirect when the link goes there). */
async function resetTokenOf(link: string, bindings: WebBindings): Promise<string> {
  const url = new URL(link);
  // Straight to the reset page, the token in the fragment (or, in older links, the query).
  if (!url.pathname.startsWith("/api/auth/")) {
    return new URLSearchParams(url.hash.slice(1)).get("token") ?? url.searchParams.get("token") ?? "";
  }
  const redirect = await authRequest(authPathOf(link), {}, bindings);
  expect(redirect.status).toBe(302);
  return new URL(redirect.headers.get("Location") ?? "", ORIGIN).searchParams.get("token") ?? "";
}
