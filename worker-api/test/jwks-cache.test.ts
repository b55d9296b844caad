import { env } from "cloudflare:workers";
import { jwtVerify } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getConfig } from "../src/config.ts";
import { openDatabase } from "../src/db.ts";
import { jwksFor } from "../src/lib/configured-jwks.ts";
import { __testing as jwksCache, ORIGIN_KID_RELOAD_WAIT_MS, UNKNOWN_KID_REFETCH_INTERVAL_MS } from "../src/lib/jwks-cache.ts";
import { call, createUser, json, jwksState, ORIGIN, setJwksState, signToken, testEnv } from "./helpers.ts";

const verifyWith = (api: Env, token: string) =>
  jwtVerify(token, jwksFor(api).getKey, { issuer: ORIGIN, audience: ORIGIN, algorithms: ["EdDSA"] });

/** As the API verifies: with the request's database, where the key store can be asked about a kid. */
const verifyWithKeyStore = (api: Env, token: string) =>
  jwtVerify(token, jwksFor(api, openDatabase(getConfig(api)).db).getKey, {
    issuer: ORIGIN,
    audience: ORIGIN,
    algorithms: ["EdDSA"],
  });

/** Database requests so far, at the local endpoint (each one round trip). */
const databaseRequests = async () =>
  ((await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number }).httpRequests;

/** Moves the isolate's clock forward (the cache reads Date.now()). */
function advanceClock(ms: number) {
  const now = Date.now();
  vi.spyOn(Date, "now").mockReturnValue(now + ms);
}

/** A verified token whose key set has gone stale (past the TTL) while the origin is down. */
async function staleSetWithOriginDown() {
  const api = testEnv();
  const token = await signToken("user-1");
  await verifyWith(api, token);
  await setJwksState(api.jwksSet, { down: true });
  advanceClock(2 * 3600 * 1000);
  return { api, token };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("JwksCache", () => {
  it("fetches the JWKS once across 1,000 verifications", async () => {
    const api = testEnv();
    const token = await signToken("user-1");
    for (let i = 0; i < 1000; i++) await verifyWith(api, token);
    expect((await jwksState(api.jwksSet)).fetches).toBe(1);
  });

  it("shares one fetch among 50 concurrent requests on a cold cache", async () => {
    const api = testEnv();
    const userId = await createUser(api);
    const token = await signToken(userId);
    const responses = await Promise.all(Array.from({ length: 50 }, () => call(api, `/api/${userId}/tasks`, { token })));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect((await jwksState(api.jwksSet)).fetches).toBe(1);
  });

  it("serves from KV, without a fetch, after the isolate's memory is cleared", async () => {
    const api = testEnv();
    const token = await signToken("user-1");
    await verifyWith(api, token);
    jwksCache.forgetIsolateMemory();
    await verifyWith(api, token);
    expect((await jwksState(api.jwksSet)).fetches).toBe(1);
    expect(await env.JWKS_CACHE.get(`jwks:${api.JWKS_URL}`, "json")).toMatchObject({ jwks: { keys: expect.any(Array) } });
  });

  it("accepts a rotated key (new kid) without a restart", async () => {
    const api = testEnv();
    await verifyWith(api, await signToken("user-1"));
    await setJwksState(api.jwksSet, { rotated: true });
    advanceClock(UNKNOWN_KID_REFETCH_INTERVAL_MS + 1000);
    const { payload } = await verifyWith(api, await signToken("user-1", { key: env.TEST_KEYS.rotated }));
    expect(payload.sub).toBe("user-1");
    expect((await jwksState(api.jwksSet)).fetches).toBe(2);
    // Tokens signed with the previous key keep verifying during the grace period.
    await verifyWith(api, await signToken("user-1"));
  });

  it("refetches at once for an unknown kid that the key store has (a rotation), with one lookup", async () => {
    const api = testEnv();
    await verifyWithKeyStore(api, await signToken("user-1"));
    await setJwksState(api.jwksSet, { rotated: true }); // key-rotated is in the key store
    const before = await databaseRequests();
    // Well within the interval that holds back refetches for unknown kids.
    const { payload } = await verifyWithKeyStore(api, await signToken("user-1", { key: env.TEST_KEYS.rotated }));
    expect(payload.sub).toBe("user-1");
    expect((await jwksState(api.jwksSet)).fetches).toBe(2);
    expect((await databaseRequests()) - before).toBe(1);
  });

  it("asks once more, a moment later, when the origin's answer lacks a kid the key store has", async () => {
    const api = testEnv();
    await verifyWithKeyStore(api, await signToken("user-1"));
    // The web worker has just reloaded its copy for another new kid: it serves that copy once more.
    await setJwksState(api.jwksSet, { rotated: true, staleFetches: 1 });
    const token = await signToken("user-1", { key: env.TEST_KEYS.rotated });
    const started = Date.now();
    const verified = await Promise.all(Array.from({ length: 10 }, () => verifyWithKeyStore(api, token)));
    expect(verified.map(({ payload }) => payload.sub)).toEqual(Array(10).fill("user-1"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(ORIGIN_KID_RELOAD_WAIT_MS);
    expect((await jwksState(api.jwksSet)).fetches).toBe(3);
  });

  it("lets a later request fetch again for that kid when both answers lacked it", async () => {
    const api = testEnv();
    await verifyWithKeyStore(api, await signToken("user-1"));
    await setJwksState(api.jwksSet, { rotated: true, staleFetches: 2 });
    const token = await signToken("user-1", { key: env.TEST_KEYS.rotated });
    await expect(verifyWithKeyStore(api, token)).rejects.toThrow();
    const { payload } = await verifyWithKeyStore(api, token);
    expect(payload.sub).toBe("user-1");
    expect((await jwksState(api.jwksSet)).fetches).toBe(4);
  });

  it("does not refetch for a kid the key store lacks, and asks about it once a minute", async () => {
    const api = testEnv();
    await verifyWithKeyStore(api, await signToken("user-1"));
    const token = await signToken("user-1", { key: env.TEST_KEYS.rotated, kid: `absent-${crypto.randomUUID()}` });
    const before = await databaseRequests();
    for (let i = 0; i < 10; i++) await expect(verifyWithKeyStore(api, token)).rejects.toThrow(/no applicable key/i);
    expect((await databaseRequests()) - before).toBe(1);
    expect((await jwksState(api.jwksSet)).fetches).toBe(1);
    advanceClock(61_000); // remembered for a minute; then asked about again (and refetched, once the interval is over)
    await expect(verifyWithKeyStore(api, token)).rejects.toThrow(/no applicable key/i);
    expect((await databaseRequests()) - before).toBe(2);
  });

  it("refetches at most once for 100 tokens with unknown kids", async () => {
    const api = testEnv();
    await verifyWith(api, await signToken("user-1"));
    advanceClock(UNKNOWN_KID_REFETCH_INTERVAL_MS + 1000);
    const tokens = await Promise.all(
      Array.from({ length: 100 }, () => signToken("user-1", { key: env.TEST_KEYS.rotated, kid: crypto.randomUUID() })),
    );
    const results = await Promise.allSettled(tokens.map((token) => verifyWith(api, token)));
    expect(results.every((result) => result.status === "rejected")).toBe(true);
    expect((await jwksState(api.jwksSet)).fetches).toBe(2);
    // And sequentially, after that refetch, still no more fetches within the interval.
    for (const token of tokens.slice(0, 20)) await verifyWith(api, token).catch(() => undefined);
    expect((await jwksState(api.jwksSet)).fetches).toBe(2);
  });

  it("keeps verifying with cached keys while the JWKS origin is down, even past the TTL", async () => {
    const api = testEnv();
    const userId = await createUser(api);
    const token = await signToken(userId);
    expect((await call(api, `/api/${userId}/tasks`, { token })).status).toBe(200);
    await setJwksState(api.jwksSet, { down: true });
    advanceClock(2 * 3600 * 1000); // beyond JWKS_CACHE_TTL_SECONDS
    const fresh = await signToken(userId, { claims: { iat: Math.floor(Date.now() / 1000) } });
    expect((await call(api, `/api/${userId}/tasks`, { token: fresh })).status).toBe(200);
    jwksCache.forgetIsolateMemory(); // a new isolate: KV still holds the keys
    expect((await call(api, `/api/${userId}/tasks`, { token: fresh })).status).toBe(200);
  });

  it("answers 503 with a clear message when nothing is cached and the origin is down", async () => {
    const api = testEnv();
    await setJwksState(api.jwksSet, { down: true });
    const userId = await createUser(api);
    const response = await call(api, `/api/${userId}/tasks`, { token: await signToken(userId) });
    expect(response.status).toBe(503);
    expect(await json(response)).toEqual({
      code: "jwks_unavailable",
      message: "Cannot verify tokens right now: the signing keys are unreachable.",
    });
    await setJwksState(api.jwksSet, { down: false });
    expect((await call(api, `/api/${userId}/tasks`, { token: await signToken(userId) })).status).toBe(200);
  });

  it("fetches through the AUTH service binding when one is bound", async () => {
    const api = testEnv();
    const requested: string[] = [];
    const auth = {
      fetch: async (input: RequestInfo | URL) => {
        requested.push(String(input));
        return fetch(input);
      },
    } as unknown as Fetcher;
    await verifyWith({ ...api, AUTH: auth }, await signToken("user-1"));
    expect(requested).toEqual([api.JWKS_URL]);
  });

  it("keeps the key set in KV for 24 times the freshness TTL, so an origin outage does not empty it", async () => {
    const api = testEnv();
    await verifyWith(api, await signToken("user-1"));
    const { keys } = await env.JWKS_CACHE.list({ prefix: `jwks:${api.JWKS_URL}` });
    const ttl = getConfig(api).jwksCacheTtlSeconds;
    expect(keys).toHaveLength(1);
    expect(keys[0]?.expiration ?? 0).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 24 * ttl - 60);
  });

  it("after a failed refresh of a stale set, waits 30 s before asking the origin again", async () => {
    const { api, token } = await staleSetWithOriginDown();
    await verifyWith(api, token); // stale: one refresh attempt, which fails; the stale set verifies
    const afterFailure = (await jwksState(api.jwksSet)).fetches;
    expect(afterFailure).toBe(2);
    for (let i = 0; i < 10; i++) await verifyWith(api, token);
    expect((await jwksState(api.jwksSet)).fetches).toBe(afterFailure);
    vi.restoreAllMocks();
    advanceClock(2 * 3600 * 1000 + 31_000);
    await verifyWith(api, token);
    expect((await jwksState(api.jwksSet)).fetches).toBe(afterFailure + 1);
  });

  it("verifies from a stale set in memory alone, and from a stale set in KV alone, while the origin is down", async () => {
    const { api, token } = await staleSetWithOriginDown();
    // Memory only: KV lost its copy.
    const stored = await env.JWKS_CACHE.get(`jwks:${api.JWKS_URL}`);
    await env.JWKS_CACHE.delete(`jwks:${api.JWKS_URL}`);
    await expect(verifyWith(api, token)).resolves.toBeDefined();
    // KV only: a new isolate, with the copy back in KV.
    await env.JWKS_CACHE.put(`jwks:${api.JWKS_URL}`, stored as string);
    jwksCache.forgetIsolateMemory();
    await expect(verifyWith(api, token)).resolves.toBeDefined();
  });
});
