// The fresh sign-in rule, inside workerd against Postgres: every sensitive endpoint, called by a
// session whose sign-in is older than 10 minutes, is refused with 403 FRESH_SIGN_IN_REQUIRED and
// changes nothing; a session signed in just now, or confirmed with its password, a passkey or a
// code from the authenticator app (/fresh-sign-in, /fresh-sign-in/passkey, /fresh-sign-in/code),
// succeeds.
import { createExecutionContext } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAuth } from "../lib/auth/create-auth.ts";
import { FRESH_SIGN_IN_REQUIRED, SENSITIVE_PATHS } from "../lib/auth/plugins/fresh-sign-in/rule.ts";
import { servedRoutes } from "../lib/auth/served-routes.ts";
import { atDevProvider, CookieJar, callback, oauthEnv, signInWithDevProvider } from "./oauth-helpers.ts";
import { addPasskey, confirmWithPasskey, softAuthenticator, startPasskeySignIn } from "./passkey-helpers.ts";
import { codeFor, enableTwoFactor, wrongCodeFor } from "./two-factor-helpers.ts";
import { authRequest, newClientAddress, ORIGIN, PASSWORD, signIn, signUp, sql } from "./workers-helpers.ts";

const post = (path: string, cookie: string, body: unknown = {}, address = newClientAddress()) =>
  authRequest(
    path,
    {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: cookie, "cf-connecting-ip": address },
      body: JSON.stringify(body),
    },
    oauthEnv,
  );

/** A GET with the body's fields as its query (the passkey plugin's registration options). */
const get = (path: string, cookie: string, query: unknown = {}, address = newClientAddress()) =>
  authRequest(
    `${path}?${new URLSearchParams(query as Record<string, string>)}`,
    { headers: { Cookie: cookie, "cf-connecting-ip": address } },
    oauthEnv,
  );

const sessionIdOf = async (cookie: string) => {
  const response = await authRequest("/get-session?disableCookieCache=true", { headers: { Cookie: cookie } }, oauthEnv);
  return ((await response.json()) as { session: { id: string } }).session.id;
};

/**
 * The session in `cookie`, signed in 11 minutes ago and refreshed just now (`updated_at`, as Better
 * Auth's refresh moves it), with the cookie cache a browser would then hold: read from the row.
 */
async function signedInLongAgo(cookie: string): Promise<string> {
  const id = await sessionIdOf(cookie);
  await sql("update session set created_at = now() - interval '11 minutes', updated_at = now() where id = $1", [id]);
  const jar = new CookieJar(cookie);
  jar.add(await authRequest("/get-session?disableCookieCache=true", { headers: { Cookie: cookie } }, oauthEnv));
  return jar.header;
}

const codeOf = async (response: Response) => ((await response.clone().json()) as { code?: string }).code;

type Person = Awaited<ReturnType<typeof signUp>>;

/** One sensitive endpoint: the body to send, whether its effect happened, and the session to send it from when preparing made a new one. */
type Row = {
  path: string;
  /** POST unless said. */
  method?: "GET";
  prepare: (person: Person) => Promise<{ body: unknown; happened: (response: Response) => Promise<boolean>; cookie?: string }>;
};

const stillThere = async (query: string, params: unknown[]) => (await sql(query, params)).length > 0;

const send = (row: Row, cookie: string, body: unknown) =>
  row.method === "GET" ? get(row.path, cookie, body) : post(row.path, cookie, body);

const passkeysOf = (userId: string) => sql("select id from passkey where user_id = $1", [userId]);

const rows: Row[] = [
  {
    path: "/change-email",
    prepare: async ({ userId }) => {
      await sql(`update "user" set email_verified = true where id = $1`, [userId]);
      return {
        body: { newEmail: `${crypto.randomUUID()}@example.test`, password: PASSWORD },
        happened: () => stillThere("select 1 from verification where value = $1 and identifier like 'email-change:%'", [userId]),
      };
    },
  },
  {
    path: "/change-password",
    prepare: async ({ userId }) => {
      const [before] = await sql("select password from account where user_id = $1 and provider_id = 'credential'", [userId]);
      return {
        body: { currentPassword: PASSWORD, newPassword: "a different long password" },
        happened: async () =>
          !(await stillThere("select 1 from account where user_id = $1 and password = $2", [userId, before?.password])),
      };
    },
  },
  {
    path: "/delete-user",
    prepare: async ({ userId }) => ({
      body: { password: PASSWORD },
      happened: async () => !(await stillThere(`select 1 from "user" where id = $1`, [userId])),
    }),
  },
  {
    path: "/link-social",
    prepare: async ({ userId, email, cookie }) => ({
      body: { provider: "oidc", callbackURL: "/settings" },
      // What the endpoint stores is the OAuth state, in the browser (options.ts: storeStateStrategy
      // "cookie"), so its effect is read there, whatever the status said: a state cookie handed
      // out, and with it the provider's identity is linked to this account.
      happened: async (response) => {
        const app = new CookieJar(cookie).add(response);
        if (!/(^|; )[^=;]*oauth_state=/.test(app.header)) return false;
        const { url } = (await response.clone().json()) as { url?: unknown };
        if (typeof url !== "string") return true;
        await callback(await atDevProvider(new URL(url), { email, verified: true }), app);
        return stillThere("select 1 from account where user_id = $1 and provider_id = 'oidc'", [userId]);
      },
    }),
  },
  {
    path: "/unlink-account",
    prepare: async ({ userId }) => {
      const id = crypto.randomUUID();
      await sql(
        `insert into account (id, account_id, provider_id, user_id, created_at, updated_at)
         values ($1, $2, 'github', $3, now(), now())`,
        [id, crypto.randomUUID(), userId],
      );
      return { body: { accountId: id }, happened: async () => !(await stillThere("select 1 from account where id = $1", [id])) };
    },
  },
  {
    path: "/revoke-other-sessions",
    prepare: async ({ email }) => {
      const other = await sessionIdOf(await signIn(email));
      return { body: {}, happened: async () => !(await stillThere("select 1 from session where id = $1", [other])) };
    },
  },
  {
    path: "/revoke-sessions",
    prepare: async ({ userId, email }) => {
      await signIn(email);
      return { body: {}, happened: async () => !(await stillThere("select 1 from session where user_id = $1", [userId])) };
    },
  },
  {
    path: "/two-factor/disable",
    prepare: async (person) => {
      const { cookie } = await enableTwoFactor(person);
      const enabled = `select 1 from "user" where id = $1 and two_factor_enabled`;
      return { body: { password: PASSWORD }, cookie, happened: async () => !(await stillThere(enabled, [person.userId])) };
    },
  },
  {
    path: "/two-factor/generate-backup-codes",
    prepare: async (person) => {
      const { cookie } = await enableTwoFactor(person);
      const codes = async () =>
        (await sql("select backup_codes from two_factor where user_id = $1", [person.userId]))[0]?.backup_codes;
      const before = await codes();
      return { body: { password: PASSWORD }, cookie, happened: async () => (await codes()) !== before };
    },
  },
  {
    path: "/passkey/generate-register-options",
    method: "GET",
    prepare: async ({ userId }) => ({
      body: { name: "Laptop" },
      // A challenge stored for this person: the authenticator would be asked next.
      happened: () =>
        stillThere(`select 1 from verification where value like '{"type":"registration"%' and value like $1`, [`%${userId}%`]),
    }),
  },
  {
    path: "/passkey/verify-registration",
    prepare: async ({ userId, cookie }) => {
      // The options were asked for in time; the authenticator answered after the sign-in got old.
      const options = await get("/passkey/generate-register-options", cookie, { name: "Laptop" });
      const { challenge } = (await options.json()) as { challenge: string };
      const response = await (await softAuthenticator()).registration(challenge);
      return {
        body: { response, name: "Laptop" },
        cookie: new CookieJar(cookie).add(options).header,
        happened: async () => (await passkeysOf(userId)).length > 0,
      };
    },
  },
  {
    path: "/passkey/delete-passkey",
    prepare: async ({ userId, cookie }) => {
      const added = await addPasskey(cookie, await softAuthenticator());
      if (added.status !== 200) throw new Error(`add failed: ${added.status} ${await added.text()}`);
      const [passkey] = await passkeysOf(userId);
      return { body: { id: passkey?.id }, happened: async () => (await passkeysOf(userId)).length === 0 };
    },
  },
  {
    path: "/devices/revoke",
    prepare: async ({ email }) => {
      const other = await sessionIdOf(await signIn(email));
      return { body: { id: other }, happened: async () => !(await stillThere("select 1 from session where id = $1", [other])) };
    },
  },
];

describe("a sensitive action", () => {
  it.each(rows)("$path: refused to a sign-in older than 10 minutes, nothing changed", async (row) => {
    const person = await signUp();
    const { body, happened, cookie = person.cookie } = await row.prepare(person);
    const response = await send(row, await signedInLongAgo(cookie), body);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      code: FRESH_SIGN_IN_REQUIRED,
      message: "For your security, confirm it's you: sign in again to continue.",
    });
    expect(await happened(response)).toBe(false);
  });

  it.each(rows)("$path: done for a sign-in just now", async (row) => {
    const person = await signUp();
    const { body, happened, cookie = person.cookie } = await row.prepare(person);
    const response = await send(row, cookie, body);
    expect(response.status).toBe(200);
    expect(await happened(response)).toBe(true);
  });

  it("is refused on every sensitive path this app serves, whatever the body, before the body is read", async () => {
    const auth = createAuth(oauthEnv, createExecutionContext());
    const serves = servedRoutes(auth);
    const methodOf = (path: string) =>
      serves("POST", `/api/auth${path}`) ? "POST" : serves("GET", `/api/auth${path}`) ? "GET" : null;
    const served = SENSITIVE_PATHS.filter((path) => methodOf(path) !== null);
    // The table covers every one of them: a new sensitive path needs its row there.
    expect(served.filter((path) => !rows.some((row) => row.path === path))).toEqual([]);
    const cookie = await signedInLongAgo((await signUp()).cookie);
    // Every path on the list is served: the list is not stale.
    expect(SENSITIVE_PATHS.filter((path) => !served.includes(path))).toEqual([]);
    for (const path of served) {
      for (const body of [{}, { junk: "x".repeat(1000) }, []]) {
        const response =
          methodOf(path) === "GET" ? await get(path, cookie, { junk: JSON.stringify(body) }) : await post(path, cookie, body);
        expect([path, response.status, await codeOf(response)]).toEqual([path, 403, FRESH_SIGN_IN_REQUIRED]);
      }
    }
  });

  it("is not the rule for everything: renaming yourself works with an old sign-in", async () => {
    const person = await signUp();
    const response = await post("/update-user", await signedInLongAgo(person.cookie), { name: "Renamed" });
    expect(response.status).toBe(200);
  });
});

describe("/fresh-sign-in", () => {
  it("with the password: the same session counts as signed in now, and its new cookie cache says so", async () => {
    const person = await signUp();
    const old = await signedInLongAgo(person.cookie);
    const id = await sessionIdOf(old);
    const response = await post("/fresh-sign-in", old, { password: PASSWORD });
    expect(response.status).toBe(200);
    const [row] = await sql("select created_at from session where id = $1", [id]);
    expect(Date.now() - new Date(row?.created_at as string).getTime()).toBeLessThan(60_000);
    const fresh = new CookieJar(old).add(response).header;
    expect(await sessionIdOf(fresh)).toBe(id);
    const other = await sessionIdOf(await signIn(person.email));
    expect((await post("/devices/revoke", fresh, { id: other })).status).toBe(200);
  });

  it("with a wrong password: 400 INVALID_PASSWORD, and the session stays old", async () => {
    const person = await signUp();
    const old = await signedInLongAgo(person.cookie);
    const response = await post("/fresh-sign-in", old, { password: "not the password at all" });
    expect([response.status, await codeOf(response)]).toEqual([400, "INVALID_PASSWORD"]);
    expect(await codeOf(await post("/revoke-other-sessions", new CookieJar(old).add(response).header))).toBe(
      FRESH_SIGN_IN_REQUIRED,
    );
  });

  it("refuses any body that is not the password as a 4xx, never renewing the session", async () => {
    const person = await signUp();
    const old = await signedInLongAgo(person.cookie);
    const id = await sessionIdOf(old);
    const hostile = fc.oneof(
      fc.string({ maxLength: 200 }).filter((value) => value !== PASSWORD),
      fc.string({ minLength: 129, maxLength: 4000 }),
      fc.constantFrom(null, 0, true, [], {}, [PASSWORD], { password: PASSWORD }),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (password) => {
        const response = await post("/fresh-sign-in", old, { password });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 12 },
    );
    const [row] = await sql("select created_at < now() - interval '10 minutes' as old from session where id = $1", [id]);
    expect(row?.old).toBe(true);
  });

  it("tells a person without a password to sign in with their provider", async () => {
    const email = `${crypto.randomUUID()}@oidc.test`;
    const { app } = await signInWithDevProvider({ email, verified: true });
    const response = await post("/fresh-sign-in", await signedInLongAgo(app.header), { password: "anything at all" });
    expect([response.status, await codeOf(response)]).toEqual([400, "NO_PASSWORD"]);
  });

  it("needs a session, and allows 5 guesses a minute from one address", async () => {
    expect((await post("/fresh-sign-in", "", { password: PASSWORD })).status).toBe(401);
    const person = await signUp();
    const address = newClientAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await post("/fresh-sign-in", person.cookie, { password: "wrong guess" }, address)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });
});

/** Whether the session in `cookie` is still signed in more than 10 minutes ago. */
const stillOld = async (id: string) =>
  (await sql("select created_at < now() - interval '10 minutes' as old from session where id = $1", [id]))[0]?.old === true;

const signInsOf = async (userId: string) =>
  (await sql("select method from account_event where user_id = $1 and kind = 'sign_in' order by created_at, id", [userId])).map(
    (row) => row.method,
  );

describe("/fresh-sign-in/passkey", () => {
  /** A person with a passkey, whose session then got old. */
  async function withPasskey() {
    const person = await signUp();
    const authenticator = await softAuthenticator();
    const added = await addPasskey(person.cookie, authenticator);
    if (added.status !== 200) throw new Error(`add failed: ${added.status} ${await added.text()}`);
    const old = await signedInLongAgo(person.cookie);
    return { ...person, authenticator, old, id: await sessionIdOf(old) };
  }

  it("with a passkey of this person: the same session counts as signed in now, recorded as a sign-in with a passkey", async () => {
    const { userId, email, authenticator, old, id } = await withPasskey();
    const [before] = await sql("select counter from passkey where user_id = $1", [userId]);
    const response = await confirmWithPasskey(authenticator, old);
    expect(response.status).toBe(200);
    expect(await stillOld(id)).toBe(false);
    const fresh = new CookieJar(old).add(response).header;
    expect(await sessionIdOf(fresh)).toBe(id);
    const [after] = await sql("select counter from passkey where user_id = $1", [userId]);
    expect(Number(after?.counter)).toBeGreaterThan(Number(before?.counter));
    expect(await signInsOf(userId)).toEqual(["passkey"]);
    const other = await sessionIdOf(await signIn(email));
    expect((await post("/devices/revoke", fresh, { id: other })).status).toBe(200);
  });

  it("with another account's passkey, however sound its answer: 400 NOT_YOUR_PASSKEY, and the session stays old", async () => {
    const { old, id, userId } = await withPasskey();
    const stranger = await signUp();
    const strangersKey = await softAuthenticator();
    expect((await addPasskey(stranger.cookie, strangersKey)).status).toBe(200);
    const response = await confirmWithPasskey(strangersKey, old);
    expect([response.status, await codeOf(response)]).toEqual([400, "NOT_YOUR_PASSKEY"]);
    expect(await stillOld(id)).toBe(true);
    expect(await signInsOf(userId)).toEqual([]);
  });

  it("without user verification, or a second time with the same challenge: refused, the session stays old", async () => {
    const { authenticator, old, id } = await withPasskey();
    const unverified = await confirmWithPasskey(authenticator, old, newClientAddress(), { userVerified: false });
    expect(unverified.status).toBe(400);
    expect(await codeOf(unverified)).toBe("AUTHENTICATION_FAILED");
    const started = await startPasskeySignIn(authenticator, old, newClientAddress(), { endpoint: "/fresh-sign-in/passkey" });
    expect((await started.verify()).status).toBe(200);
    await sql("update session set created_at = now() - interval '11 minutes' where id = $1", [id]);
    const replayed = await started.verify();
    expect([replayed.status, await codeOf(replayed)]).toEqual([400, "CHALLENGE_NOT_FOUND"]);
    expect(await stillOld(id)).toBe(true);
  });

  it("needs a session, and refuses hostile answers as a 4xx, never renewing it", async () => {
    const { old, id } = await withPasskey();
    expect((await post("/fresh-sign-in/passkey", "", { response: { id: "x" } })).status).toBe(401);
    const hostile = fc.oneof(
      fc.anything(),
      fc.record({ response: fc.anything() }),
      fc.record({ response: fc.record({ id: fc.string({ maxLength: 2000 }), response: fc.anything() }) }),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (body) => {
        const response = await post("/fresh-sign-in/passkey", old, body);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 15 },
    );
    expect(await stillOld(id)).toBe(true);
  });
});

describe("/fresh-sign-in/code", () => {
  /** A person with two-factor on, whose session then got old. */
  async function withTwoFactor() {
    const person = await signUp();
    const enabled = await enableTwoFactor(person);
    const old = await signedInLongAgo(enabled.cookie);
    return { ...person, ...enabled, old, id: await sessionIdOf(old) };
  }

  it("with a code from the app: the same session counts as signed in now, recorded as a sign-in with two-factor", async () => {
    const { userId, totp, old, id } = await withTwoFactor();
    const response = await post("/fresh-sign-in/code", old, { code: codeFor(totp) });
    expect(response.status).toBe(200);
    expect(await stillOld(id)).toBe(false);
    const fresh = new CookieJar(old).add(response).header;
    expect(await sessionIdOf(fresh)).toBe(id);
    expect(await signInsOf(userId)).toEqual(["two_factor"]);
    expect((await post("/two-factor/generate-backup-codes", fresh, { password: PASSWORD })).status).toBe(200);
  });

  it("with a wrong code, or a recovery code: 400 INVALID_CODE, the session stays old and the recovery code unspent", async () => {
    const { userId, totp, backupCodes, old, id } = await withTwoFactor();
    const codes = async () => (await sql("select backup_codes from two_factor where user_id = $1", [userId]))[0]?.backup_codes;
    const stored = await codes();
    for (const code of [wrongCodeFor(totp), backupCodes[0]]) {
      const response = await post("/fresh-sign-in/code", old, { code });
      expect([code, response.status, await codeOf(response)]).toEqual([code, 400, "INVALID_CODE"]);
    }
    expect(await stillOld(id)).toBe(true);
    expect(await codes()).toBe(stored);
    // Each a failed sign-in, with the one method whichever code it was.
    const failed = await sql("select method from account_event where user_id = $1 and kind = 'sign_in_failed'", [userId]);
    expect(failed).toEqual([{ method: "two_factor" }, { method: "two_factor" }]);
  });

  it("locks the person out at the 5th wrong code in a row, from any addresses, as the code step does", async () => {
    const { totp, old, id } = await withTwoFactor();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post("/fresh-sign-in/code", old, { code: wrongCodeFor(totp) })).status);
    const right = await post("/fresh-sign-in/code", old, { code: codeFor(totp) });
    expect([...statuses, right.status, await codeOf(right)]).toEqual([
      400,
      400,
      400,
      400,
      400,
      429,
      "ACCOUNT_TEMPORARILY_LOCKED",
    ]);
    expect(await stillOld(id)).toBe(true);
  });

  it("a right code starts the count of wrong ones again", async () => {
    const { totp, old } = await withTwoFactor();
    for (let i = 0; i < 4; i++) await post("/fresh-sign-in/code", old, { code: wrongCodeFor(totp) });
    expect((await post("/fresh-sign-in/code", old, { code: codeFor(totp) })).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await post("/fresh-sign-in/code", old, { code: wrongCodeFor(totp) })).status).toBe(400);
  });

  it("is refused to a person without two-factor, and allows 5 guesses a minute from one address", async () => {
    const person = await signUp();
    const response = await post("/fresh-sign-in/code", await signedInLongAgo(person.cookie), { code: "123456" });
    expect([response.status, await codeOf(response)]).toEqual([400, "TOTP_NOT_ENABLED"]);
    const address = newClientAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await post("/fresh-sign-in/code", person.cookie, { code: "123456" }, address)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });

  it("needs a session, and refuses hostile codes as a 4xx, never renewing it", async () => {
    const { old, id, userId } = await withTwoFactor();
    expect((await post("/fresh-sign-in/code", "", { code: "123456" })).status).toBe(401);
    // Any right code is six digits: these never are, so the person's lock-out is the only other answer.
    const hostile = fc.oneof(
      fc.anything(),
      fc.record({ code: fc.anything() }),
      fc.record({ code: fc.string({ maxLength: 200 }).filter((code) => !/^\s*\d{6}\s*$/.test(code)) }),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (body) => {
        const response = await post("/fresh-sign-in/code", old, body);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 15 },
    );
    expect(await stillOld(id)).toBe(true);
    expect(await signInsOf(userId)).toEqual([]);
  });
});
