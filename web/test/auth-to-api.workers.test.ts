// Integration, inside workerd on the real local database: Better Auth (web) issues a JWT that the
// API worker's verifier accepts, using the very JWKS Better Auth serves at /api/auth/jwks.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { createAuth } from "../lib/auth/create-auth.ts";
import { apiEnvWithAuthBinding, apiFetch, authEnv, authRequest, issueToken, ORIGIN, signUp } from "./workers-helpers.ts";

describe("Better Auth → API worker", () => {
  it("signs up, issues an EdDSA JWT with a small payload, and the API worker accepts it", async () => {
    const { userId, email, cookie } = await signUp("Ada Lovelace");
    const token = await issueToken(cookie);

    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "EdDSA", kid: expect.any(String) });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: userId, iss: ORIGIN, aud: ORIGIN, id: userId, email, name: "Ada Lovelace" });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(15 * 60);
    expect(Object.keys(claims).sort()).toEqual(["aud", "email", "exp", "iat", "id", "iss", "name", "sub"]);

    const jwksResponse = await authRequest("/jwks");
    expect(jwksResponse.status).toBe(200);
    const served = await jwksResponse.json();
    expect(served).toMatchObject({
      keys: [expect.objectContaining({ kty: "OKP", crv: "Ed25519", kid: decodeProtectedHeader(token).kid })],
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

  it("refuses to start without a usable BETTER_AUTH_SECRET, saying why", () => {
    const ctx = createExecutionContext();
    expect(() => createAuth({ ...authEnv, BETTER_AUTH_SECRET: undefined }, ctx)).toThrow(/BETTER_AUTH_SECRET is missing/);
    expect(() => createAuth({ ...authEnv, BETTER_AUTH_SECRET: "short" }, ctx)).toThrow(/at least 32 characters/);
  });
});
