// Integration, inside workerd on the real local database: Better Auth (web) issues a JWT that the
// API worker's verifier accepts, using the very JWKS Better Auth serves at /api/auth/jwks.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { createAuth } from "../lib/auth/create-auth.ts";
import {
  apiEnvWithAuthBinding,
  apiFetch,
  authEnv,
  authRequest,
  issueToken,
  ORIGIN,
  randomSecret,
  signUp,
} from "./workers-helpers.ts";

describe("Better Auth → API worker", () => {
  it("signs up, issues an EdDSA JWT with a small payload, and the API worker accepts it", async () => {
    const { userId, cookie } = await signUp("Ada Lovelace");
    const token = await issueToken(cookie);

    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "EdDSA", kid: expect.any(String) });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: userId, iss: ORIGIN, aud: ORIGIN, sid: expect.any(String) });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(15 * 60);
    expect(Object.keys(claims).sort()).toEqual(["aud", "exp", "iat", "iss", "sid", "sub"]);

    const jwksResponse = await authRequest("/jwks");
    expect(jwksResponse.status).toBe(200);
    const served = await jwksResponse.json();
    expect(served).toMatchObject({
      keys: expect.arrayContaining([
        expect.objectContaining({ kty: "OKP", crv: "Ed25519", kid: decodeProtectedHeader(token).kid }),
      ]),
    });

    const { apiEnv, jwksFetches } = apiEnvWithAuthBinding();
    const api = apiFetch(apiEnv);
    const headers = { Authorization: `Bearer ${token}` };
    const list = await api(`https://api.test/api/${userId}/tasks`, { headers });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ tasks: [], next_cursor: null });
    expect(jwksFetches).toEqual([apiEnv.JWKS_URL]);
    const cached = await env.JWKS_CACHE.get<{ jwks: unknown }>(`jwks:${apiEnv.JWKS_URL}`, "json");
    expect(cached?.jwks).toEqual(served);

    // The token is only good for its own user.
    expect((await api(`https://api.test/api/${crypto.randomUUID()}/tasks`, { headers })).status).toBe(403);
  });

  it("answers get-session from the cookie cache without a database round trip", async () => {
    const { cookie, email } = await signUp("Cache Tester");
    // Queries over HTTP and WebSocket sessions started: any database round trip moves one of them.
    const stats = async () => {
      const { httpQueries, wsSessions } = (await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as Record<
        string,
        number
      >;
      return { httpQueries, wsSessions };
    };
    const before = await stats();
    const cached = await authRequest("/get-session", { headers: { Cookie: cookie } });
    const after = await stats();
    expect(cached.status).toBe(200);
    expect(((await cached.json()) as { user: { email: string } }).user.email).toBe(email);
    expect(after).toEqual(before);

    // Bypassing the cache does reach the database: the measurement above can see a round trip.
    const fresh = await authRequest("/get-session?disableCookieCache=true", { headers: { Cookie: cookie } });
    expect(fresh.status).toBe(200);
    expect(await stats()).not.toEqual(after);
  });

  it("refuses to start without a usable BETTER_AUTH_SECRET, saying why", () => {
    const ctx = createExecutionContext();
    expect(() => createAuth({ ...authEnv, BETTER_AUTH_SECRET: undefined }, ctx)).toThrow(/BETTER_AUTH_SECRET is missing/);
    expect(() => createAuth({ ...authEnv, BETTER_AUTH_SECRET: "short" }, ctx)).toThrow(/at least 32 characters/);
  });

  it("refuses placeholders and low-entropy secrets, in BETTER_AUTH_SECRET and BETTER_AUTH_SECRETS alike", () => {
    const ctx = createExecutionContext();
    const weak = [
      "replace-with-openssl-rand-base64-32", // web/.dev.vars.example
      "better-auth-secret-12345678901234567890", // Better Auth's own fallback
      "a".repeat(64),
      "ab".repeat(40),
      "0123456789abcdef0123456789abcdef", // 32 hex characters: 16 bytes
      "integration-test-secret-0123456789abcdef",
      "password1234567890password1234567890",
    ];
    for (const secret of weak) {
      expect(() => createAuth({ ...authEnv, BETTER_AUTH_SECRET: secret }, ctx), secret).toThrow(
        /BETTER_AUTH_SECRET .*(placeholder|entropy|at least 32).*openssl rand -base64 32/,
      );
      expect(
        () => createAuth({ ...authEnv, BETTER_AUTH_SECRETS: `2:${secret},1:${authEnv.BETTER_AUTH_SECRET}` }, ctx),
        secret,
      ).toThrow(/BETTER_AUTH_SECRETS/);
    }
    // What `npm run setup` and `openssl rand` produce passes: base64 or hex of 32 random bytes.
    for (let i = 0; i < 50; i++) {
      const bytes = crypto.getRandomValues(new Uint8Array(32));
      const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
      for (const secret of [randomSecret(), hex]) {
        expect(() => createAuth({ ...authEnv, BETTER_AUTH_SECRET: secret }, createExecutionContext()), secret).not.toThrow();
      }
    }
  });
});
