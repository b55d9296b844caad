// Rotating BETTER_AUTH_SECRET with versioned secrets, inside workerd on the real local database:
// at every step of the rotation, sessions begun before it stay signed in, the stored private keys
// stay readable and new tokens keep being issued; the API keeps accepting them.
import { afterAll, describe, expect, it } from "vitest";
import type { WebBindings } from "../lib/env.ts";
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
} from "./workers-helpers.ts";

const OLD = authEnv.BETTER_AUTH_SECRET;
const NEW = randomSecret();

/** The README's steps, as the env of the web worker at each of them. */
const steps: Record<string, WebBindings> = {
  "1. new secret known, old one still current": { ...authEnv, BETTER_AUTH_SECRETS: `1:${OLD},2:${NEW}` },
  "2. new secret current, old one still accepted": { ...authEnv, BETTER_AUTH_SECRETS: `2:${NEW},1:${OLD}` },
};
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

async function signInUnder(email: string, bindings: WebBindings): Promise<string> {
  const response = await authRequest(
    "/sign-in/email",
    {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress() },
      body: JSON.stringify({ email, password: PASSWORD }),
    },
    bindings,
  );
  expect(response.status).toBe(200);
  return cookieHeader(response);
}

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

  it("answers 401, not 500, for a session cookie signed with a secret nobody knows any more", async () => {
    const user = await signUp();
    const response = await authRequest("/token", { headers: { Cookie: user.cookie } }, retired);
    expect(response.status).toBe(401);
  });
});
