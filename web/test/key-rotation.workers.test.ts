// Signing-key rotation, inside workerd on the real local database: the API worker (with the web
// worker behind its AUTH binding) accepts a new key's first token at once, whatever its isolate
// fetched recently and whatever KV still holds, while made-up key ids still cannot make it
// hammer the JWKS origin. Runs with the other web-workers files one at a time (shared key table).
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { GenericEndpointContext } from "better-auth";
import { decodeProtectedHeader, SignJWT } from "jose";
import { afterAll, describe, expect, it, vi } from "vitest";
import { __testing as jwksCache } from "../../worker-api/src/lib/jwks-cache.ts";
import { createAuth } from "../lib/auth/create-auth.ts";
import { __testing as publicKeys } from "../lib/auth/keys/public-keys.ts";
import { forgetSigningKeys, signingKeyCache } from "../lib/auth/keys/signing-key-cache.ts";
import {
  apiEnvWithAuthBinding,
  apiFetch,
  authEnv,
  authRequest,
  issueToken,
  ORIGIN,
  rotateKeys,
  signUp,
  sql,
} from "./workers-helpers.ts";

/**
 * A signed-in user, an API worker with a cold cache of its own, and a way to call it. The web
 * worker's JWKS copy starts fresh too: it reloads for a key id it lacks at most once every 2 s
 * (public-keys.ts), and these tests rotate seconds apart, where real rotations are days apart.
 */
async function setup() {
  publicKeys.forgetPublicKeys();
  const user = await signUp();
  const { apiEnv, jwksFetches } = apiEnvWithAuthBinding();
  const api = apiFetch(apiEnv);
  const list = (token: string) =>
    api(`https://api.test/api/${user.userId}/tasks`, { headers: { Authorization: `Bearer ${token}` } });
  return { ...user, apiEnv, jwksFetches, list };
}

const kidOf = (token: string) => decodeProtectedHeader(token).kid;

/** A well-formed token for `userId` under a key id nobody issued, signed by a key of our own. */
async function forgeToken(userId: string): Promise<string> {
  const { privateKey } = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  return new SignJWT({ sub: userId, sid: "whatever" })
    .setProtectedHeader({ alg: "EdDSA", kid: crypto.randomUUID().replaceAll("-", "") })
    .setIssuer(ORIGIN)
    .setAudience(ORIGIN)
    .setExpirationTime("5m")
    .sign(privateKey);
}

/** Runs `work` with the clock a minute ahead, as this isolate would see it a minute from now. */
async function aMinuteLater<T>(work: () => Promise<T>): Promise<T> {
  vi.setSystemTime(Date.now() + 61_000);
  try {
    return await work();
  } finally {
    vi.useRealTimers();
    forgetSigningKeys(); // loaded "a minute from now", it would pass for fresh for two minutes
  }
}

afterAll(async () => {
  // Leave a key that the other test files' secret can use.
  await rotateKeys();
});

describe("signing-key rotation", () => {
  it("accepts the new key's first token on a warm isolate that fetched the JWKS a moment ago", async () => {
    const { cookie, list, jwksFetches } = await setup();
    const before = await issueToken(cookie);
    expect((await list(before)).status).toBe(200);
    expect(jwksFetches).toHaveLength(1);

    const { created, retired } = await rotateKeys();
    const after = await issueToken(cookie);
    expect(kidOf(after)).toBe(created);
    expect(retired).toContain(kidOf(before));
    expect((await list(after)).status).toBe(200);
    expect(jwksFetches).toHaveLength(2);
    // The previous key stays published for its grace period: its tokens keep working.
    expect((await list(before)).status).toBe(200);
    expect(jwksFetches).toHaveLength(2);
  });

  it("accepts it for 30 concurrent requests at once, with one fetch among them", async () => {
    const { cookie, list, jwksFetches } = await setup();
    expect((await list(await issueToken(cookie))).status).toBe(200);
    await rotateKeys();
    const after = await issueToken(cookie);
    const statuses = await Promise.all(Array.from({ length: 30 }, async () => (await list(after)).status));
    expect(statuses).toEqual(Array(30).fill(200));
    expect(jwksFetches).toHaveLength(2);
  });

  it("accepts it on a new isolate that read the previous set from KV and has just fetched for a made-up kid", async () => {
    const { userId, cookie, list, apiEnv, jwksFetches } = await setup();
    const before = await issueToken(cookie);
    expect((await list(before)).status).toBe(200);
    jwksCache.forgetIsolateMemory(); // a new isolate: it reads the old set from KV, which is still fresh
    expect((await list(before)).status).toBe(200);
    expect(jwksFetches).toHaveLength(1);
    // Noise: an unknown kid costs this isolate its one origin fetch of the interval.
    expect((await list(await forgeToken(userId))).status).toBe(401);
    expect(jwksFetches).toHaveLength(2);

    await rotateKeys();
    const after = await issueToken(cookie);
    const stored = await env.JWKS_CACHE.get<{ jwks: { keys: { kid: string }[] } }>(`jwks:${apiEnv.JWKS_URL}`, "json");
    expect(stored?.jwks.keys.map((key) => key.kid)).not.toContain(kidOf(after));
    expect((await list(after)).status).toBe(200);
    expect(jwksFetches).toHaveLength(3);
  });

  it("behaves the same on the automatic path, when the rotation interval has run out", async () => {
    const { cookie, list, jwksFetches } = await setup();
    const before = await issueToken(cookie);
    expect((await list(before)).status).toBe(200);
    // As if 30 days had passed: the key has run out in the key table...
    await sql(`update jwks set expires_at = now() at time zone 'utc' - interval '1 second' where id = $1`, [kidOf(before)]);
    // ...and this isolate's copy of it, kept for a minute, is long out of date. Better Auth
    // creates the next key itself on the next token.
    const after = await aMinuteLater(() => issueToken(cookie));
    expect(kidOf(after)).not.toBe(kidOf(before));
    expect((await list(after)).status).toBe(200);
    expect(jwksFetches).toHaveLength(2);
  });

  it("creates one key for concurrent tokens that find none live, and the API accepts them all at once", async () => {
    const { cookie, list } = await setup();
    await list(await issueToken(cookie));
    // The rotation interval has run out for every key: the next tokens each find none live.
    await sql(
      `update jwks set expires_at = now() at time zone 'utc' - interval '1 second' where expires_at is null or expires_at > now() at time zone 'utc'`,
    );
    const liveKeys = async () =>
      (await sql(`select id from jwks where expires_at is null or expires_at > now() at time zone 'utc'`)).length;
    const tokens = await aMinuteLater(() => Promise.all(Array.from({ length: 10 }, () => issueToken(cookie))));
    expect(new Set(tokens.map(kidOf)).size).toBe(1);
    expect(await liveKeys()).toBe(1);
    const statuses = await Promise.all(tokens.map(async (token) => (await list(token)).status));
    expect(statuses).toEqual(Array(10).fill(200));
  });

  it("creates no key of its own when another isolate has just created one", async () => {
    const { created } = await rotateKeys(); // the other isolate, after this one found no live key
    const keysBefore = (await sql("select id from jwks")).length;
    const ctx = createExecutionContext();
    const context = await createAuth(authEnv, ctx).$context;
    const candidate = { alg: "EdDSA" as const, publicKey: "{}", privateKey: "{}", createdAt: new Date() };
    const key = await signingKeyCache.createJwk?.(candidate, { context } as GenericEndpointContext);
    await waitOnExecutionContext(ctx);
    expect(key?.id).toBe(created);
    expect((await sql("select id from jwks")).length).toBe(keysBefore);
  });

  it("signs from the isolate's copy of the key table for at most a minute", async () => {
    const { cookie, list } = await setup();
    forgetSigningKeys(); // a fresh isolate: its copy is loaded by the next token
    const before = await issueToken(cookie);
    // Another isolate rotates: this one keeps its copy, and its tokens still verify...
    await sql(`update jwks set expires_at = now() at time zone 'utc' - interval '1 second' where id = $1`, [kidOf(before)]);
    const meanwhile = await issueToken(cookie);
    expect(kidOf(meanwhile)).toBe(kidOf(before));
    expect((await list(meanwhile)).status).toBe(200);
    // ...until its copy is a minute old.
    const after = await aMinuteLater(() => issueToken(cookie));
    expect(kidOf(after)).not.toBe(kidOf(before));
    expect((await list(after)).status).toBe(200);
  });

  it("still fetches at most once per interval for a flood of made-up key ids", async () => {
    const { userId, cookie, list, jwksFetches } = await setup();
    expect((await list(await issueToken(cookie))).status).toBe(200);
    const forged = await Promise.all(Array.from({ length: 50 }, () => forgeToken(userId)));
    const statuses = await Promise.all(forged.map(async (token) => (await list(token)).status));
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(jwksFetches).toHaveLength(1);
  });

  it("drops keys past their grace period from the JWKS, and their tokens are refused", async () => {
    const { userId, cookie } = await setup();
    const old = await issueToken(cookie);
    await rotateKeys();
    // The grace period (a day) has passed since the old key stopped signing.
    await sql(`update jwks set expires_at = now() at time zone 'utc' - interval '25 hours' where id = $1`, [kidOf(old)]);
    const served = (await (await authRequest("/jwks")).json()) as { keys: { kid: string }[] };
    expect(served.keys.map((key) => key.kid)).not.toContain(kidOf(old));
    publicKeys.forgetPublicKeys(); // the web worker's copy is at most a minute old: let that minute pass
    const { apiEnv } = apiEnvWithAuthBinding(); // an isolate loading the current set
    const response = await apiFetch(apiEnv)(`https://api.test/api/${userId}/tasks`, {
      headers: { Authorization: `Bearer ${old}` },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "invalid_token" });
  });
});
