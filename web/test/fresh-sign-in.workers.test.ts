// The fresh sign-in rule, inside workerd against Postgres: every sensitive endpoint, called by a
// session whose sign-in is older than 10 minutes, is refused with 403 FRESH_SIGN_IN_REQUIRED and
// changes nothing; a session signed in just now (or confirmed with /fresh-sign-in) succeeds.
import { createExecutionContext } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAuth } from "../lib/auth/create-auth.ts";
import { FRESH_SIGN_IN_REQUIRED, SENSITIVE_PATHS } from "../lib/auth/plugins/fresh-sign-in/rule.ts";
import { servedRoutes } from "../lib/auth/served-routes.ts";
import { CookieJar, oauthEnv, signInWithDevProvider } from "./oauth-helpers.ts";
import { addPasskey, softAuthenticator } from "./passkey-helpers.ts";
import { enableTwoFactor } from "./two-factor-helpers.ts";
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
    prepare: async () => ({
      body: { provider: "oidc", callbackURL: "/settings" },
      // On its way to the provider: the answer names where, and sets the state cookie.
      happened: async (response) =>
        response.status === 200 && typeof ((await response.clone().json()) as { url?: unknown }).url === "string",
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
