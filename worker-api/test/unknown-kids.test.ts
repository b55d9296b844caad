// Tokens naming key ids nobody issued must not make the database work: a token that is not even
// shaped like a signed JWS costs no lookup, a made-up kid costs at most one per minute per
// isolate, and a flood of distinct made-up kids a few per minute. Counted at the local endpoint,
// where each HTTP request is one database round trip.
import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ABSENT_KID_LOOKUPS_PER_MINUTE, __testing as jwksCache } from "../src/lib/jwks-cache.ts";
import { call, createUser, ORIGIN, sessionIdFor, signToken, testEnv } from "./helpers.ts";

const b64url = (value: string) => btoa(value).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

const databaseRequests = async () =>
  ((await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number }).httpRequests;

const randomKid = () => crypto.randomUUID().replaceAll("-", "");

/** A well-formed token for `userId`, signed by a key of the attacker's own under `kid`. */
async function forged(userId: string, kid: string): Promise<string> {
  const { privateKey } = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  return new SignJWT({ sub: userId, sid: sessionIdFor(userId) })
    .setProtectedHeader({ alg: "EdDSA", kid })
    .setIssuer(ORIGIN)
    .setAudience(ORIGIN)
    .setExpirationTime("5m")
    .sign(privateKey);
}

/** An API with a warm key set (one good request), its user, and a counter of what follows. */
async function warmApi() {
  const api = testEnv();
  const userId = await createUser(api);
  expect((await call(api, `/api/${userId}/tasks`, { token: await signToken(userId) })).status).toBe(200);
  const list = (token: string) => call(api, `/api/${userId}/tasks`, { token });
  const before = await databaseRequests();
  return { api, userId, list, lookups: async () => (await databaseRequests()) - before };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("tokens under key ids nobody issued", () => {
  const header = (fields: Record<string, unknown>) => b64url(JSON.stringify(fields));
  const payload = (userId: string) => b64url(JSON.stringify({ sub: userId, sid: sessionIdFor(userId), exp: 9_999_999_999 }));
  const unsignedShapes: [string, (userId: string, kid: string) => string][] = [
    ["no signature", (userId, kid) => `${header({ alg: "EdDSA", kid })}.${payload(userId)}.`],
    ["a signature of the wrong length", (userId, kid) => `${header({ alg: "EdDSA", kid })}.${payload(userId)}.${b64url("x")}`],
    ["alg none", (userId, kid) => `${header({ alg: "none", kid })}.${payload(userId)}.`],
    [
      "an algorithm outside the allow-list",
      (userId, kid) => `${header({ alg: "RS256", kid })}.${payload(userId)}.${"A".repeat(342)}`,
    ],
    [
      "a kid that is not a key id",
      (userId) => `${header({ alg: "EdDSA", kid: "../".repeat(50) })}.${payload(userId)}.${"A".repeat(86)}`,
    ],
    ["no kid", (userId) => `${header({ alg: "EdDSA" })}.${payload(userId)}.${"A".repeat(86)}`],
    ["a header that is not JSON", (userId) => `${b64url("{alg")}.${payload(userId)}.${"A".repeat(86)}`],
    ["four parts", (userId, kid) => `${header({ alg: "EdDSA", kid })}.${payload(userId)}.${"A".repeat(86)}.x`],
  ];

  it.each(unsignedShapes)("50 tokens with %s and random kids: 401 and no database request", async (_, shape) => {
    const { userId, list, lookups } = await warmApi();
    const responses = await Promise.all(Array.from({ length: 50 }, () => list(shape(userId, randomKid()))));
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([401]));
    expect(await lookups()).toBe(0);
  });

  it("one made-up kid, 50 times: one lookup, then none until a minute has passed", async () => {
    const { userId, list, lookups } = await warmApi();
    const kid = randomKid();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => forged(userId, kid)));
    // Concurrent ones share the lookup in flight; later ones find the kid remembered as absent.
    const concurrent = await Promise.all(tokens.slice(0, 25).map(list));
    expect(new Set(concurrent.map((response) => response.status))).toEqual(new Set([401]));
    for (const token of tokens.slice(25)) expect((await list(token)).status).toBe(401);
    expect(await lookups()).toBe(1);
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ["Date"] });
    expect((await list(tokens[0] as string)).status).toBe(401);
    expect(await lookups()).toBe(2);
  });

  it(`50 distinct made-up kids: at most ${ABSENT_KID_LOOKUPS_PER_MINUTE} lookups a minute`, async () => {
    const { userId, list, lookups } = await warmApi();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => forged(userId, randomKid())));
    const responses = await Promise.all(tokens.map(list));
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([401]));
    expect(await lookups()).toBeLessThanOrEqual(ABSENT_KID_LOOKUPS_PER_MINUTE);
  });

  it("remembers about a minute's worth of absent kids, not the whole flood", async () => {
    const { api, userId, list } = await warmApi();
    const start = Date.now();
    for (let minute = 1; minute <= 3; minute++) {
      vi.useFakeTimers({ now: start + minute * 61_000, toFake: ["Date"] });
      await Promise.all(Array.from({ length: 10 }, async () => list(await forged(userId, randomKid()))));
    }
    expect(jwksCache.rememberedAbsentKids(`jwks:${api.JWKS_URL}`)).toBe(ABSENT_KID_LOOKUPS_PER_MINUTE);
  });

  it("a real key's tokens still verify with no lookup, while made-up kids are being refused", async () => {
    const { userId, list, lookups } = await warmApi();
    await Promise.all(Array.from({ length: 20 }, async () => list(await forged(userId, randomKid()))));
    const spent = await lookups();
    expect((await list(await signToken(userId))).status).toBe(200);
    expect((await lookups()) - spent).toBe(1); // the route's own statement
  });
});
