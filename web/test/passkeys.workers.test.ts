// Passkeys inside workerd against Postgres, with a software authenticator (passkey-helpers.ts):
// the relying party is the environment's web origin and nothing else; a passkey is added, signs
// its owner in (both factors: no code step with two-factor on), shows when it was last used, and
// is removed; each of those is on the account's activity; and nothing in the sign-in says whether
// an address has a passkey. The fresh sign-in rule for adding and removing one is in
// fresh-sign-in.workers.test.ts, with every other sensitive action.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { relyingParty } from "../lib/auth/plugins/passkeys/relying-party.ts";
import { counted } from "./database-requests.ts";
import { addPasskey, signInWithPasskey, softAuthenticator, startPasskeySignIn } from "./passkey-helpers.ts";
import { enableTwoFactor } from "./two-factor-helpers.ts";
import { authEnv, authRequest, cookieHeader, newClientAddress, ORIGIN, signUp, sql } from "./workers-helpers.ts";

const eventsOf = async (userId: string) =>
  (await sql("select kind, method from account_event where user_id = $1 order by created_at, id", [userId])).map(
    (row) => `${row.kind}${row.method ? `:${row.method}` : ""}`,
  );

const passkeysOf = (userId: string) =>
  sql("select id, name, created_at, last_used_at from passkey where user_id = $1 order by created_at", [userId]);

const userOf = async (cookie: string) => {
  const response = await authRequest("/get-session?disableCookieCache=true", { headers: { Cookie: cookie } });
  return ((await response.json()) as { user: { id: string } } | null)?.user.id;
};

describe("the relying party", () => {
  it("is the web origin's host name, and the origin itself", () => {
    expect(relyingParty("http://localhost:3000")).toEqual({ rpID: "localhost", origin: "http://localhost:3000" });
    expect(relyingParty("https://tasks.example.com")).toEqual({ rpID: "tasks.example.com", origin: "https://tasks.example.com" });
    expect(relyingParty("https://staging.tasks.example.com:8443/")).toEqual({
      rpID: "staging.tasks.example.com",
      origin: "https://staging.tasks.example.com:8443",
    });
  });

  it("is what the server's challenges name (BETTER_AUTH_URL)", async () => {
    const { cookie } = await signUp();
    const registration = await authRequest("/passkey/generate-register-options?name=Laptop", { headers: { Cookie: cookie } });
    expect(((await registration.json()) as { rp: unknown }).rp).toEqual({
      name: "Edge Tasks",
      id: new URL(authEnv.BETTER_AUTH_URL).hostname,
    });
    const signIn = await authRequest("/passkey/generate-authenticate-options");
    expect(((await signIn.json()) as { rpId: string }).rpId).toBe("localhost");
  });

  it.each([
    { what: "another origin", rpId: "localhost", origin: "http://localhost:4000" },
    { what: "another site", rpId: "evil.example", origin: "https://evil.example" },
    { what: "another site's id from this origin", rpId: "evil.example", origin: ORIGIN },
  ])("refuses a passkey made for $what, whatever the request's Origin says", async ({ rpId, origin }) => {
    const { userId, cookie } = await signUp();
    const response = await addPasskey(cookie, await softAuthenticator({ rpId, origin }));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await passkeysOf(userId)).toEqual([]);
  });

  it("refuses a passkey made at another trusted origin: trusted for requests is not the relying party", async () => {
    const other = "http://localhost:4000";
    const bindings = { ...authEnv, TRUSTED_ORIGINS: other };
    const { userId, cookie } = await signUp();
    const options = await authRequest(
      "/passkey/generate-register-options?name=Laptop",
      { headers: { Cookie: cookie } },
      bindings,
    );
    const { challenge } = (await options.json()) as { challenge: string };
    const response = await authRequest(
      "/passkey/verify-registration",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: other, Cookie: `${cookie}; ${cookieHeader(options)}` },
        body: JSON.stringify({
          response: await (await softAuthenticator({ origin: other })).registration(challenge),
          name: "Laptop",
        }),
      },
      bindings,
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await passkeysOf(userId)).toEqual([]);
  });
});

describe("a passkey's life", () => {
  it("added under its name, signs in, shows when it was last used, removed; each on the activity page", async () => {
    const { userId, cookie } = await signUp();
    const authenticator = await softAuthenticator();
    const added = await addPasskey(cookie, authenticator, "Work laptop");
    expect(added.status).toBe(200);
    const [stored] = await passkeysOf(userId);
    expect(stored).toMatchObject({ name: "Work laptop", last_used_at: null });

    const signedIn = await signInWithPasskey(authenticator);
    expect(signedIn.status).toBe(200);
    expect(await userOf(cookieHeader(signedIn))).toBe(userId);
    const [used] = await passkeysOf(userId);
    expect(used?.last_used_at).not.toBeNull();

    const listed = await authRequest("/passkey/list-user-passkeys", { headers: { Cookie: cookie } });
    expect(
      ((await listed.json()) as { name: string; lastUsedAt: string | null }[]).map((p) => [p.name, p.lastUsedAt !== null]),
    ).toEqual([["Work laptop", true]]);

    const removed = await authRequest("/passkey/delete-passkey", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: cookie },
      body: JSON.stringify({ id: stored?.id }),
    });
    expect(removed.status).toBe(200);
    expect(await passkeysOf(userId)).toEqual([]);
    expect((await signInWithPasskey(authenticator)).status).toBe(401);

    expect(await eventsOf(userId)).toEqual(["passkey_added", "sign_in:passkey", "passkey_removed"]);
    const activity = await authRequest("/account-activity", { headers: { Cookie: cookie } });
    const { events } = (await activity.json()) as { events: { kind: string }[] };
    expect(events.map((event) => event.kind)).toEqual(["passkey_removed", "sign_in", "passkey_added"]);
  });

  it("signs in a person with two-factor on without asking for a code: it counts as both factors", async () => {
    const person = await signUp();
    const { cookie } = await enableTwoFactor(person);
    const authenticator = await softAuthenticator();
    expect((await addPasskey(cookie, authenticator)).status).toBe(200);
    const response = await signInWithPasskey(authenticator);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { twoFactorRedirect?: boolean; session?: unknown };
    expect(body.twoFactorRedirect).toBeUndefined();
    expect(await userOf(cookieHeader(response))).toBe(person.userId);
  });

  it("is not someone else's: removing another person's passkey is refused and leaves it", async () => {
    const owner = await signUp();
    expect((await addPasskey(owner.cookie, await softAuthenticator())).status).toBe(200);
    const [passkey] = await passkeysOf(owner.userId);
    const stranger = await signUp();
    const response = await authRequest("/passkey/delete-passkey", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: stranger.cookie },
      body: JSON.stringify({ id: passkey?.id }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await passkeysOf(owner.userId)).toHaveLength(1);
    expect(await eventsOf(stranger.userId)).toEqual([]);
  });

  it("is renamed by its owner only, to a name of 1 to 64 characters; others' and bad names leave it as it was", async () => {
    const owner = await signUp();
    expect((await addPasskey(owner.cookie, await softAuthenticator(), "Work laptop")).status).toBe(200);
    const [passkey] = await passkeysOf(owner.userId);
    const rename = (cookie: string, body: unknown) =>
      authRequest("/passkey/update-passkey", {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: cookie },
        body: JSON.stringify(body),
      });
    const stranger = await signUp();
    for (const [cookie, body] of [
      [stranger.cookie, { id: passkey?.id, name: "Mine now" }],
      [owner.cookie, { id: passkey?.id, name: "x".repeat(65) }],
      [owner.cookie, { id: passkey?.id, name: "   " }],
      [owner.cookie, { id: passkey?.id }],
      [owner.cookie, { id: "no-such-passkey", name: "Phone" }],
      ["", { id: passkey?.id, name: "Phone" }],
    ] as const) {
      const response = await rename(cookie, body);
      expect([JSON.stringify(body).slice(0, 40), response.status >= 400 && response.status < 500]).toEqual([
        JSON.stringify(body).slice(0, 40),
        true,
      ]);
    }
    expect((await passkeysOf(owner.userId))[0]?.name).toBe("Work laptop");
    expect((await rename(owner.cookie, { id: passkey?.id, name: " Old laptop " })).status).toBe(200);
    expect((await passkeysOf(owner.userId))[0]?.name).toBe("Old laptop");
  });

  it("refuses names longer than 64 characters, in the options and at the end", async () => {
    const { userId, cookie } = await signUp();
    const long = "x".repeat(65);
    const options = await authRequest(`/passkey/generate-register-options?name=${long}`, { headers: { Cookie: cookie } });
    expect(options.status).toBe(400);
    const response = await addPasskey(cookie, await softAuthenticator(), "x".repeat(64));
    expect(response.status).toBe(200);
    expect(await passkeysOf(userId)).toHaveLength(1);
  });
});

describe("enumeration", () => {
  it("the sign-in challenge names no one, and takes no address", async () => {
    const { email, cookie } = await signUp();
    expect((await addPasskey(cookie, await softAuthenticator())).status).toBe(200);
    const answers = await Promise.all(
      [email, "nobody@example.test"].map(async (address) => {
        const response = await authRequest(`/passkey/generate-authenticate-options?email=${encodeURIComponent(address)}`, {
          headers: { "cf-connecting-ip": newClientAddress() },
        });
        const { challenge: _, ...rest } = (await response.json()) as Record<string, unknown>;
        return { status: response.status, rest };
      }),
    );
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.rest).not.toHaveProperty("allowCredentials");
  });

  it("an unknown passkey, or a forged answer, is refused without a session", async () => {
    const { cookie } = await signUp();
    const known = await softAuthenticator();
    expect((await addPasskey(cookie, known)).status).toBe(200);
    const unknown = await signInWithPasskey(await softAuthenticator());
    expect(unknown.status).toBe(401);
    expect(cookieHeader(unknown)).not.toContain("session_token");
    // Anything but the authenticator's own answer to the challenge.
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom(null, {}, [], { id: known.id })), async (response) => {
        const options = await authRequest("/passkey/generate-authenticate-options");
        const forged = await authRequest("/passkey/verify-authentication", {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: cookieHeader(options) },
          body: JSON.stringify({ response }),
        });
        expect(forged.status).toBeGreaterThanOrEqual(400);
        expect(forged.status).toBeLessThan(500);
        expect(cookieHeader(forged)).not.toContain("session_token");
      }),
      { numRuns: 8 },
    );
  });
});

/** Someone signed up with a passkey added in Settings: its authenticator. */
async function personWithPasskey() {
  const { cookie } = await signUp();
  const authenticator = await softAuthenticator();
  expect((await addPasskey(cookie, authenticator)).status).toBe(200);
  return authenticator;
}

describe("database round trips", () => {
  it("a passkey sign-in makes 3 (+1 after the response): pinned, so that a change shows", async () => {
    const authenticator = await personWithPasskey();
    const started = await startPasskeySignIn(authenticator);
    const { requests, result } = await counted(() => started.verify());
    expect(result.status).toBe(200);
    // Our endpoint (plugins/passkeys/sign-in.ts): the rate limit; the challenge consumed with the
    // passkey and its owner, in one statement (sign-in-read.ts); one batch of the session, its
    // `sign_in` event and the counter (and last_used_at, by the trigger). + 1 in the background:
    // the rate limit's pruning. The plugin's own endpoint made 7 (+1).
    expect(requests).toBe(3 + 1);
  });
});

describe("one challenge, one sign-in", () => {
  it("a second answer to a used challenge is refused: the challenge went with the first", async () => {
    const authenticator = await personWithPasskey();
    const started = await startPasskeySignIn(authenticator);
    expect((await started.verify()).status).toBe(200);
    const again = await started.verify();
    expect(again.status).toBe(400);
    expect(((await again.json()) as { code?: string }).code).toBe("CHALLENGE_NOT_FOUND");
    expect(cookieHeader(again)).not.toContain("session_token");
  });

  it("an expired challenge is refused, and consumed", async () => {
    const authenticator = await personWithPasskey();
    const started = await startPasskeySignIn(authenticator);
    const [row] = await sql(`update verification set expires_at = now() - interval '1 second'
      where id = (select id from verification where value like '%"authentication"%' order by created_at desc limit 1) returning id`);
    const expired = await started.verify();
    expect(expired.status).toBe(400);
    expect(cookieHeader(expired)).not.toContain("session_token");
    expect(await sql("select id from verification where id = $1", [(row as { id: string }).id])).toEqual([]);
  });

  it("an answer without user verification is refused: a passkey counts as both factors only when it checked the person", async () => {
    const authenticator = await personWithPasskey();
    const unverified = await (await startPasskeySignIn(authenticator, "", newClientAddress(), { userVerified: false })).verify();
    expect(unverified.status).toBe(400);
    expect(cookieHeader(unverified)).not.toContain("session_token");
    expect((await signInWithPasskey(authenticator)).status).toBe(200);
  });
});
