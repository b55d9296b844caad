// The JWKS served from the web worker's isolate memory: one database read for a burst of
// requests, HTTP caching allowed for a minute, and a key rotated in a moment ago still served at
// once to whoever asks for it by id.
import { createExecutionContext } from "cloudflare:test";
import type { GenericEndpointContext } from "better-auth";
import { createJwk } from "better-auth/plugins/jwt";
import { decodeProtectedHeader } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAuth } from "../lib/auth/create-auth.ts";
import { jwtOptions } from "../lib/auth/jwt.ts";
import { KID_RELOAD_INTERVAL_MS, __testing as publicKeys, servePublicKeys } from "../lib/auth/keys/public-keys.ts";
import { authEnv, authRequest, issueToken, ORIGIN, rotateKeys, signUp } from "./workers-helpers.ts";

let reads = 0;
const fromDatabase = () => {
  reads += 1;
  return authRequest("/jwks");
};
const ask = (query = "") => servePublicKeys(new Request(`${ORIGIN}/api/auth/jwks${query}`), fromDatabase);
const kidOf = (token: string) => decodeProtectedHeader(token).kid;
const kids = async (response: Response) => ((await response.json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);

afterEach(() => vi.useRealTimers());

beforeEach(() => {
  publicKeys.forgetPublicKeys();
  reads = 0;
});

describe("the JWKS from memory", () => {
  it("answers 100 parallel requests with one database read, cacheable for a minute", async () => {
    const responses = await Promise.all(Array.from({ length: 100 }, () => ask()));
    expect(reads).toBe(1);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
    }
    expect(new Set(await Promise.all(responses.map(async (r) => JSON.stringify(await kids(r)))))).toHaveProperty("size", 1);
    await ask();
    expect(reads).toBe(1);
  });

  it("loads again for a key id it does not hold, so a rotation is served at once", async () => {
    const before = await kids(await ask());
    const { created } = await rotateKeys();
    expect(await kids(await ask())).toEqual(before); // a plain request: the minute-old copy
    expect(await kids(await ask(`?kid=${created}`))).toContain(created);
    expect(reads).toBe(2);
    // Known ids do not cost a read.
    await ask(`?kid=${created}`);
    expect(reads).toBe(2);
  });

  it("reloads for a key id at most once every 2 s: after a made-up one, a new key waits those 2 s", async () => {
    // The clock stands still until the test moves it: a slow machine must not pass the 2 s itself.
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    await ask();
    await ask(`?kid=${crypto.randomUUID()}`); // anyone may spend the reload
    expect(reads).toBe(2);
    for (let i = 0; i < 20; i++) await ask(`?kid=${crypto.randomUUID()}`); // a flood costs nothing more
    expect(reads).toBe(2);
    const { created } = await rotateKeys();
    expect(await kids(await ask(`?kid=${created}`))).not.toContain(created);
    expect(reads).toBe(2);
    vi.setSystemTime(start + KID_RELOAD_INTERVAL_MS + 100);
    expect(await kids(await ask(`?kid=${created}`))).toContain(created);
    expect(reads).toBe(3);
  });

  it("publishes a key another isolate created, even while this isolate signs from its older copy", async () => {
    const { cookie } = await signUp();
    const signedBefore = kidOf(await issueToken(cookie)); // this isolate's signer now holds the key table
    // Another isolate's rotation: the key table changes, this isolate's copies do not.
    const context = await createAuth(authEnv, createExecutionContext()).$context;
    const elsewhere = await createJwk({ context } as GenericEndpointContext, { ...jwtOptions(ORIGIN), adapter: undefined });
    expect(kidOf(await issueToken(cookie))).toBe(signedBefore);
    expect(await kids(await ask(`?kid=${elsewhere.id}`))).toContain(elsewhere.id);
  });
});
