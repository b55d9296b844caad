import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { call, createSession, createUser, json, ORIGIN, sessionIdFor, signToken, testEnv } from "./helpers.ts";

const b64url = (value: string) => btoa(value).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

describe("jwtAuth", () => {
  const api = testEnv();
  let userId: string;
  const tasksPath = () => `/api/${userId}/tasks`;

  beforeAll(async () => {
    userId = await createUser(api);
  });

  async function expect401(token: string | undefined, code = "invalid_token", headers: HeadersInit = {}) {
    const response = await call(api, tasksPath(), { token, headers });
    expect(response.status).toBe(401);
    const body = await json(response);
    expect(body.code).toBe(code);
    expect(typeof body.message).toBe("string");
    expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer realm="edge-tasks-api"/);
    return body;
  }

  describe("valid tokens", () => {
    it("accepts an EdDSA token from the JWKS and exposes its subject", async () => {
      const response = await call(api, tasksPath(), { token: await signToken(userId) });
      expect(response.status).toBe(200);
      expect(await json(response)).toEqual({ tasks: [], next_cursor: null });
    });

    it("accepts a token that expired less than 60 s ago (clock tolerance)", async () => {
      const response = await call(api, tasksPath(), { token: await signToken(userId, { expiresIn: -30 }) });
      expect(response.status).toBe(200);
    });
  });

  describe("missing or malformed credentials", () => {
    it("rejects a request without Authorization with a bare Bearer challenge", async () => {
      await expect401(undefined, "missing_token");
      const response = await call(api, tasksPath());
      expect(response.headers.get("WWW-Authenticate")).toBe('Bearer realm="edge-tasks-api"');
    });

    it("rejects a non-Bearer scheme", async () => {
      await expect401(undefined, "invalid_token", { Authorization: `Basic ${btoa("a:b")}` });
    });

    it("rejects garbage", async () => {
      await expect401("not.a.jwt");
      await expect401("garbage");
    });

    it("rejects a header over 8 KiB without parsing it", async () => {
      await expect401(`${"a".repeat(9000)}.b.c`);
    });

    it("rejects a validly signed token over 8 KiB, and accepts the same claims when small", async () => {
      expect(
        (await call(api, tasksPath(), { token: await signToken(userId, { claims: { pad: "p".repeat(100) } }) })).status,
      ).toBe(200);
      await expect401(await signToken(userId, { claims: { pad: "p".repeat(8500) } }));
    });
  });

  describe("hostile tokens", () => {
    it('rejects alg "none"', async () => {
      const header = b64url(JSON.stringify({ alg: "none", kid: env.TEST_KEYS.primary.kid }));
      const now = Math.floor(Date.now() / 1000);
      const payload = b64url(JSON.stringify({ sub: userId, iss: ORIGIN, aud: ORIGIN, exp: now + 600 }));
      await expect401(`${header}.${payload}.`);
    });

    it("rejects HS256 signed with the public key's bytes", async () => {
      const publicBytes = new TextEncoder().encode(env.TEST_KEYS.primary.x);
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ sub: userId, iss: ORIGIN, aud: ORIGIN, exp: now + 600 })
        .setProtectedHeader({ alg: "HS256", kid: env.TEST_KEYS.primary.kid })
        .sign(publicBytes);
      await expect401(token);
    });

    it("will not run with an HMAC algorithm (or none) in its allow-list: no token gets through", async () => {
      const token = await signToken(userId);
      for (const algorithms of ["HS256", "EdDSA,HS256", "EdDSA,HS512", "none", "EdDSA,none"]) {
        const misconfigured = testEnv({ JWT_ALGORITHMS: algorithms });
        const response = await call(misconfigured, tasksPath(), { token });
        expect(response.status, algorithms).toBeGreaterThanOrEqual(500);
      }
      expect((await call(testEnv({ JWT_ALGORITHMS: "EdDSA" }), tasksPath(), { token })).status).toBe(200);
    });

    it("rejects RS256 and ES256 tokens whose keys are in the JWKS, when only EdDSA is allowed", async () => {
      await expect401(await signToken(userId, { key: env.TEST_KEYS.rsa }));
      await expect401(await signToken(userId, { key: env.TEST_KEYS.ec }));
    });

    it("accepts ES256 once the allow-list includes it", async () => {
      const lenient = testEnv({ JWT_ALGORITHMS: "EdDSA,ES256" });
      const response = await call(lenient, tasksPath(), { token: await signToken(userId, { key: env.TEST_KEYS.ec }) });
      expect(response.status).toBe(200);
    });

    it("rejects a tampered payload", async () => {
      const [header, , signature] = (await signToken(userId)).split(".");
      const forged = b64url(JSON.stringify({ sub: "someone-else", iss: ORIGIN, aud: ORIGIN, exp: 9_999_999_999 }));
      const body = await expect401(`${header}.${forged}.${signature}`);
      expect(body.message).toMatch(/signature/);
    });

    it("rejects a valid signature from another key under a known kid", async () => {
      await expect401(await signToken(userId, { key: env.TEST_KEYS.impostor }));
    });

    it("rejects an expired token", async () => {
      await expect401(await signToken(userId, { expiresIn: -120 }), "token_expired");
    });

    it("rejects a token whose nbf is in the future", async () => {
      const nbf = Math.floor(Date.now() / 1000) + 300;
      const body = await expect401(await signToken(userId, { claims: { nbf } }));
      expect(body.message).toMatch(/nbf/);
    });

    it("rejects the wrong issuer", async () => {
      const body = await expect401(await signToken(userId, { claims: { iss: "https://evil.example" } }));
      expect(body.message).toMatch(/iss/);
    });

    it("rejects the wrong audience", async () => {
      const body = await expect401(await signToken(userId, { claims: { aud: "https://evil.example" } }));
      expect(body.message).toMatch(/aud/);
    });

    it("rejects a token without sub", async () => {
      const body = await expect401(await signToken(userId, { omit: ["sub"] }));
      expect(body.message).toMatch(/sub/);
    });

    it("rejects a token without exp", async () => {
      const body = await expect401(await signToken(userId, { omit: ["exp"] }));
      expect(body.message).toMatch(/exp/);
    });

    it("rejects a token without sid (it cannot be revoked)", async () => {
      await expect401(await signToken(userId, { omit: ["sid"] }));
      await expect401(await signToken(userId, { claims: { sid: 42 } }));
      await expect401(await signToken(userId, { claims: { sid: "" } }));
    });
  });

  describe("a token this isolate has verified before (lib/verified-tokens.ts)", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("is refused once it has expired, as a token never seen before would be", async () => {
      const token = await signToken(userId, { expiresIn: 10 });
      expect((await call(api, tasksPath(), { token })).status).toBe(200);
      expect((await call(api, tasksPath(), { token })).status).toBe(200);
      const start = Date.now();
      // Past its exp, within the clock tolerance: verified afresh, still accepted.
      vi.useFakeTimers({ now: start + 40_000, toFake: ["Date"] });
      expect((await call(api, tasksPath(), { token })).status).toBe(200);
      // Past the tolerance too: refused.
      vi.setSystemTime(start + 75_000);
      await expect401(token, "token_expired");
    });

    it("is served to no token that differs from it by one character", async () => {
      const token = await signToken(userId);
      expect((await call(api, tasksPath(), { token })).status).toBe(200);
      const [header = "", payload = "", signature = ""] = token.split(".");
      const changed = (part: string, at: number) => `${part.slice(0, at)}${part[at] === "A" ? "B" : "A"}${part.slice(at + 1)}`;
      const body = await expect401(`${header}.${payload}.${changed(signature, 20)}`);
      expect(body.message).toMatch(/signature/);
      await expect401(`${header}.${changed(payload, 20)}.${signature}`);
      expect((await call(api, tasksPath(), { token })).status).toBe(200);
    });
  });

  describe("the session behind a well-signed token", () => {
    const cases: [string, (user: string) => Promise<string | undefined>][] = [
      ["names a session that does not exist", async () => crypto.randomUUID()],
      ["names another user's session", async () => sessionIdFor(await createUser(api))],
      [
        "names a session that has expired",
        async (user) => {
          const id = crypto.randomUUID();
          await createSession(api, user, id, new Date(Date.now() - 1000));
          return id;
        },
      ],
    ];
    for (const [name, sessionOf] of cases) {
      it(`answers 401 session_revoked when the token ${name}, on reads and writes alike`, async () => {
        const sid = await sessionOf(userId);
        const token = await signToken(userId, { claims: { sid } });
        await expect401(token, "session_revoked");
        const write = await call(api, tasksPath(), { token, method: "POST", body: JSON.stringify({ title: "x" }) });
        expect(write.status).toBe(401);
        expect(await json(write)).toMatchObject({ code: "session_revoked" });
      });
    }
  });
});
