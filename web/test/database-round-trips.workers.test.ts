// What each auth action asks of the database, counted at the local Neon endpoint (each HTTP
// request is one round trip; far from the database, each costs the whole distance). Background
// work (`ctx.waitUntil`) is counted too: it runs after the response but still reaches Postgres.
// bench:web measures the same actions' round trips on the path with a simulated distance.
import { env } from "cloudflare:workers";
import { afterAll, describe, expect, it } from "vitest";
import type { WebBindings } from "../lib/env.ts";
import {
  authEnv,
  authPost,
  authRequest,
  cookieHeader,
  newClientAddress,
  ORIGIN,
  PASSWORD,
  signUp,
  sql,
  verifyingAuthEnv,
} from "./workers-helpers.ts";

const databaseRequests = async () =>
  ((await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number }).httpRequests;

async function counted(action: () => Promise<Response>): Promise<{ requests: number; response: Response }> {
  const before = await databaseRequests();
  const response = await action();
  return { requests: (await databaseRequests()) - before, response };
}

const signUpAs = (email: string, address = newClientAddress(), userAgent = "round-trips test", env: WebBindings = authEnv) =>
  authRequest(
    "/sign-up/email",
    {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": address, "User-Agent": userAgent },
      body: JSON.stringify({ name: "Round Trips", email, password: PASSWORD }),
    },
    env,
  );

afterAll(async () => {
  await sql("drop trigger if exists refuse_session on session");
  await sql("drop function if exists refuse_session()");
});

describe("database requests per auth action", () => {
  it("signs up with three: the rate limit, the e-mail lookup, one batch of user, account and session", async () => {
    const { requests, response } = await counted(() => signUpAs(`${crypto.randomUUID()}@example.test`));
    expect(response.status).toBe(200);
    // + 2 in the background: a new rate-limit window prunes rows nobody has used for a while, and
    // the verification mail counts against its recipient's limit (web/lib/email/recipient-limit.ts).
    expect(requests).toBe(3 + 2);
  });

  it("signs up with three whether the address is new or taken, verification on: a taken address's answer must not come sooner", async () => {
    const signUpVerifying = (email: string) => signUpAs(email, newClientAddress(), "round-trips test", verifyingAuthEnv);
    const [unverified, verified] = [`${crypto.randomUUID()}@example.test`, `${crypto.randomUUID()}@example.test`];
    for (const email of [unverified, verified]) expect((await signUpVerifying(email)).status).toBe(200);
    await sql(`update "user" set email_verified = true where email = $1`, [verified]);
    const counts: Record<string, number> = {};
    for (const [kind, email] of [
      ["new", `${crypto.randomUUID()}@example.test`],
      ["taken, unverified", unverified],
      ["taken, verified", verified],
    ] as const) {
      const { requests, response } = await counted(() => signUpVerifying(email));
      expect(response.status).toBe(200);
      counts[kind] = requests;
    }
    // The rate limit, the e-mail lookup, then one batch: the user and account inserts for a new
    // address, the credentials' replacement (which changes nothing for a verified one) for a taken
    // one (plugins/pending-sign-ups). + 2 in the background: the rate limit's pruning and the mail
    // (a link, or the owner's notice) counted against its recipient's limit.
    expect(counts).toEqual({ new: 3 + 2, "taken, unverified": 3 + 2, "taken, verified": 3 + 2 });
  });

  it("signs in with three: the rate limit, the user with their accounts, the new session", async () => {
    const { email } = await signUp();
    const { requests, response } = await counted(() =>
      authPost("/sign-in/email", "", { email, password: PASSWORD }, newClientAddress()),
    );
    expect(response.status).toBe(200);
    expect(requests).toBe(3 + 1);
  });

  it("issues a token, and checks a session past the cookie cache, with one each", async () => {
    const { cookie } = await signUp();
    // Until this isolate holds a copy of the key table (the first token may create the first key).
    for (let i = 0; i < 2; i++) await authRequest("/token", { headers: { Cookie: cookie } });
    const token = await counted(() => authRequest("/token", { headers: { Cookie: cookie } }));
    expect(token.response.status).toBe(200);
    expect(token.requests).toBe(1);
    const session = await counted(() => authRequest("/get-session?disableCookieCache=true", { headers: { Cookie: cookie } }));
    expect(session.response.status).toBe(200);
    expect(session.requests).toBe(1);
  });
});

describe("sign-up's batch", () => {
  it("leaves no user and no account behind when its last insert fails", async () => {
    await sql(`create or replace function refuse_session() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test'; end $$`);
    await sql(`create trigger refuse_session before insert on session for each row
      when (new.user_agent = 'refuse my session') execute function refuse_session()`);
    const email = `${crypto.randomUUID()}@example.test`;
    const response = await signUpAs(email, newClientAddress(), "refuse my session");
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await sql(`select id from "user" where email = $1`, [email])).toEqual([]);
    expect(await sql(`select a.id from account a left join "user" u on u.id = a.user_id where u.id is null`)).toEqual([]);
  });

  it("creates one account for concurrent sign-ups with one e-mail, and refuses the others with 422", async () => {
    const email = `${crypto.randomUUID()}@example.test`;
    const responses = await Promise.all(Array.from({ length: 5 }, () => signUpAs(email)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 422, 422, 422, 422]);
    const users = await sql(`select id from "user" where email = $1`, [email]);
    expect(users).toHaveLength(1);
    expect(await sql("select id from account where user_id = $1", [users[0]?.id])).toHaveLength(1);
    expect(cookieHeader(responses.find((response) => response.status === 200) as Response)).toContain("session_token");
  });
});
