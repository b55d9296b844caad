// Revocation, inside workerd on the real local database: a JWT names its session (`sid`), and the
// API worker refuses it as soon as that session has ended, in every way a session can end, in the
// same database round trip as the route's own statement.
import { env } from "cloudflare:workers";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import {
  apiEnvWithAuthBinding,
  apiFetch,
  authPost,
  authRequest,
  cookieHeader,
  issueToken,
  PASSWORD,
  signIn,
  signUp,
  sql,
} from "./workers-helpers.ts";

const { apiEnv } = apiEnvWithAuthBinding();
const api = apiFetch(apiEnv);

/** Every task route, as [method, path suffix, body]; `id` is an existing task of the user. */
const routes = (id: string, title = "written while signed in"): [string, string, unknown?][] => [
  ["GET", ""],
  ["POST", "", { title }],
  ["GET", "/summary"],
  ["GET", `/${id}`],
  ["PUT", `/${id}`, { title }],
  ["PATCH", `/${id}/complete`],
  ["DELETE", `/${id}`],
];

function callApi(userId: string, token: string, method: string, suffix: string, body?: unknown) {
  return api(`https://api.test/api/${userId}/tasks${suffix}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

async function createTask(userId: string, token: string): Promise<{ id: string; title: string; completed: boolean }> {
  const response = await callApi(userId, token, "POST", "", { title: "before" });
  expect(response.status).toBe(201);
  return response.json();
}

type Ending = {
  name: string;
  /**
   * Ends the session of `victim`, acting (where the app lets it) from `actor`'s session; returns
   * the actor's cookie afterwards when the action gave it a new session.
   */
  end(parties: { userId: string; email: string; actor: string; victim: string }): Promise<string | undefined>;
  /** Whether the actor's own session survives. */
  actorSurvives: boolean;
};

const ok = async (response: Promise<Response>): Promise<undefined> => {
  const settled = await response;
  expect(settled.status, await settled.clone().text()).toBe(200);
  return undefined;
};

const endings: Ending[] = [
  { name: "sign-out", actorSurvives: true, end: async ({ victim }) => ok(authPost("/sign-out", victim)) },
  {
    name: "devices/revoke (from another device, as settings does it)",
    actorSurvives: true,
    end: async ({ actor, victim }) => {
      const [victimId] = await sessionIds(victim);
      return ok(authPost("/devices/revoke", actor, { id: victimId }));
    },
  },
  { name: "revoke-other-sessions", actorSurvives: true, end: async ({ actor }) => ok(authPost("/revoke-other-sessions", actor)) },
  {
    name: "change-password with revokeOtherSessions",
    actorSurvives: true,
    end: async ({ actor }) => {
      const body = { currentPassword: PASSWORD, newPassword: "a brand new passphrase", revokeOtherSessions: true };
      const response = await authPost("/change-password", actor, body);
      expect(response.status).toBe(200);
      // Better Auth ends every session, the actor's too, and signs the actor into a new one.
      return cookieHeader(response);
    },
  },
  {
    name: "session expiry",
    actorSurvives: true,
    end: async ({ victim }) => {
      const [id] = await sessionIds(victim);
      await sql(`update session set expires_at = (now() at time zone 'utc') - interval '1 second' where id = $1`, [id]);
      return undefined;
    },
  },
  {
    name: "account deletion",
    actorSurvives: false,
    end: async ({ userId }) => {
      await sql(`delete from "user" where id = $1`, [userId]);
      return undefined;
    },
  },
];

async function sessionIds(cookie: string): Promise<string[]> {
  const response = await authRequest("/get-session?disableCookieCache=true", { headers: { Cookie: cookie } });
  const body = (await response.json()) as { session: { id: string } } | null;
  return body ? [body.session.id] : [];
}

describe("revocation at the API", () => {
  it("puts only the user and the session in the token: sub and sid, no profile data", async () => {
    const { userId, cookie } = await signUp("A Name That Stays Out Of Tokens");
    const claims = decodeJwt(await issueToken(cookie));
    expect(Object.keys(claims).sort()).toEqual(["aud", "exp", "iat", "iss", "sid", "sub"]);
    expect(claims.sub).toBe(userId);
    expect(claims.sid).toEqual((await sessionIds(cookie))[0]);
  });

  for (const ending of endings) {
    it(`${ending.name}: the ended session's token gets 401 session_revoked on every task route, and changes nothing`, async () => {
      const { userId, email, cookie: actor } = await signUp();
      const victim = await signIn(email);
      const victimToken = await issueToken(victim);
      const actorToken = await issueToken(actor);
      const task = await createTask(userId, actorToken);
      for (const [method, suffix, body] of routes(task.id)) {
        expect((await callApi(userId, victimToken, method, suffix, body)).status, `before: ${method} ${suffix}`).toBeLessThan(
          300,
        );
        if (method === "DELETE") break;
      }
      const kept = await createTask(userId, actorToken);

      const actorAfter = (await ending.end({ userId, email, actor, victim })) ?? actor;

      for (const [method, suffix, body] of routes(kept.id, "after the session ended")) {
        const response = await callApi(userId, victimToken, method, suffix, body);
        expect(response.status, `${method} ${suffix}`).toBe(401);
        expect(await response.json()).toMatchObject({ code: "session_revoked" });
        expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer realm="edge-tasks-api", error="invalid_token"/);
      }
      const rows = await sql("select id, title, completed from tasks where user_id = $1", [userId]);
      expect(rows.filter((row) => String(row.title).includes("after the session ended"))).toEqual([]);
      if (ending.actorSurvives) {
        expect(rows).toContainEqual({ id: kept.id, title: "before", completed: false });
        const list = await callApi(userId, await issueToken(actorAfter), "GET", "");
        expect(list.status).toBe(200);
      } else {
        expect(rows).toEqual([]);
        expect((await callApi(userId, actorToken, "GET", "")).status).toBe(401);
      }
    });
  }

  it("makes exactly one database round trip per task request, session check included", async () => {
    const { userId, cookie } = await signUp();
    const token = await issueToken(cookie);
    const task = await createTask(userId, token);
    await callApi(userId, token, "GET", ""); // the JWKS is cached from here on
    const stats = async () => (await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number };
    for (const [method, suffix, body] of routes(task.id)) {
      const before = (await stats()).httpRequests;
      const response = await callApi(userId, token, method, suffix, body);
      expect(response.status, `${method} ${suffix}`).toBeLessThan(300);
      expect((await stats()).httpRequests - before, `${method} ${suffix}`).toBe(1);
    }
  });

  it("tells a revoked session (401) from a missing task (404)", async () => {
    const { userId, cookie } = await signUp();
    const token = await issueToken(cookie);
    const missing = crypto.randomUUID();
    expect((await callApi(userId, token, "GET", `/${missing}`)).status).toBe(404);
    await ok(authPost("/sign-out", cookie));
    expect((await callApi(userId, token, "GET", `/${missing}`)).status).toBe(401);
  });

  it("mints no token after sign-out, even while the browser still holds a valid cookie cache", async () => {
    const { cookie } = await signUp();
    // The cache is live: get-session answers from it without the database.
    expect((await authRequest("/get-session", { headers: { Cookie: cookie } })).status).toBe(200);
    // Signed out elsewhere (the session row is gone); this browser keeps its old cookies.
    await sql("delete from session where id = $1", [(await sessionIds(cookie))[0]]);
    const response = await authRequest("/token", { headers: { Cookie: cookie } });
    expect(response.status).toBe(401);
  });
});
