// The /api/auth/* route as the web worker serves it (lib/auth/auth-route.ts), with its database
// requests counted at the local endpoint: a method and path Better Auth does not serve is answered
// 404 without any (Better Auth's rate limiter used to write a row for each), and a body over
// 16 KiB is refused with 413 before anything reads it, whether or not it declares its length; and
// key ids made up at /jwks?kid= reload the key table at most once every 2 s.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AUTH_BODY_MAX_BYTES, authRoute } from "../lib/auth/auth-route.ts";
import { createAuth } from "../lib/auth/create-auth.ts";
import { KID_RELOAD_INTERVAL_MS, __testing as publicKeys } from "../lib/auth/keys/public-keys.ts";
import { counted } from "./database-requests.ts";
import { authEnv, authRequest, newClientAddress, ORIGIN, sql } from "./workers-helpers.ts";

/** The route handler, with this request's Better Auth instance (as `withAuth` gives it). */
const route = authRoute(async (work) => {
  const ctx = createExecutionContext();
  try {
    return await work(createAuth(authEnv, ctx));
  } finally {
    await waitOnExecutionContext(ctx);
  }
});

const rateLimitRows = async () => (await sql("select count(*)::int as n from rate_limit"))[0]?.n as number;

/** Every method and path of the instance's endpoint table, with any `:param` filled in. */
const servedEndpoints = () =>
  Object.values(createAuth(authEnv, createExecutionContext()).api).flatMap((endpoint) => {
    const { path, options } = endpoint as { path?: string; options?: { method?: string | string[] } };
    if (!path || !options?.method) return [];
    return [options.method].flat().map((method) => ({ method, path: path.replace(/:\w+/g, "x") }));
  });

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const segment = fc.oneof(fc.webSegment(), fc.constantFrom("sign-in", "email", "jwks", "..", ".", "%2F", "token", ""));
const madeUp = fc.record({
  method: fc.constantFrom(...METHODS),
  path: fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => `/${segments.join("/")}`),
});
/** Near misses of real endpoints: another method, a trailing slash, a case change, one segment more. */
const nearMiss = fc
  .record({
    endpoint: fc.constantFrom(...servedEndpoints()),
    method: fc.constantFrom(...METHODS),
    change: fc.constantFrom<((path: string) => string)[]>(
      (path) => path,
      (path) => `${path}/`,
      (path) => path.toUpperCase(),
      (path) => `${path}/more`,
      (path) => `/${path}`,
      (path) => path.slice(0, -1),
    ),
  })
  .map(({ endpoint, method, change }) => ({ method, path: change(endpoint.path) }));

/**
 * Better Auth's own answer, straight from its handler: its router's "no such route" is a 404
 * with no JSON body (an endpoint's own 404 is JSON). This call costs database work; the route's
 * call, counted separately, must not.
 */
async function betterAuthServes(method: string, path: string): Promise<boolean> {
  const response = await authRequest(path, { method, headers: { "cf-connecting-ip": newClientAddress() } });
  await response.body?.cancel();
  return !(response.status === 404 && !response.headers.get("Content-Type")?.includes("json"));
}

describe("paths Better Auth does not serve", () => {
  it("are answered 404 JSON with no database request, as Better Auth's router would route them", async () => {
    let unserved = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(madeUp, nearMiss), async ({ method, path }) => {
        if (await betterAuthServes(method, path)) return; // served: not this test's business
        unserved += 1;
        const request = new Request(`${ORIGIN}/api/auth${path}`, { method, headers: { "cf-connecting-ip": newClientAddress() } });
        const { requests, result: response } = await counted(() => route(request));
        expect(requests).toBe(0);
        expect(response.status).toBe(404);
        if (method !== "HEAD") expect(await response.json()).toMatchObject({ code: "NOT_FOUND" });
      }),
      { numRuns: 150 },
    );
    expect(unserved).toBeGreaterThan(100);
  });

  it("costs nothing 100 times over: no database request, no rate-limit row", async () => {
    const rowsBefore = await rateLimitRows();
    const { requests } = await counted(async () => {
      for (let i = 0; i < 100; i++) {
        const response = await route(
          new Request(`${ORIGIN}/api/auth/made-up-${crypto.randomUUID()}`, { headers: { "cf-connecting-ip": "10.0.0.100" } }),
        );
        expect(response.status).toBe(404);
      }
    });
    expect(requests).toBe(0);
    expect(await rateLimitRows()).toBe(rowsBefore);
  });

  it("include the paths switched off with disabledPaths", async () => {
    const { disabledPaths = [] } = createAuth(authEnv, createExecutionContext()).options;
    expect(disabledPaths.length).toBeGreaterThan(0);
    for (const path of disabledPaths) {
      const { requests, result: response } = await counted(() =>
        route(new Request(`${ORIGIN}/api/auth${path}`, { method: "POST", headers: { Origin: ORIGIN } })),
      );
      expect([response.status, requests]).toEqual([404, 0]);
    }
  });

  it("leave every served endpoint to Better Auth", async () => {
    const response = await route(new Request(`${ORIGIN}/api/auth/get-session`));
    expect(response.status).toBe(200);
    expect(await response.json()).toBeNull();
    const signUp = await route(
      new Request(`${ORIGIN}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress() },
        body: JSON.stringify({
          name: "Through The Route",
          email: `${crypto.randomUUID()}@example.test`,
          password: "correct horse battery",
        }),
      }),
    );
    expect(signUp.status).toBe(200);
  });
});

describe("request bodies over 16 KiB", () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request(`${ORIGIN}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress(), ...headers },
      body,
    });
  /** A JSON sign-up body of exactly `bytes` bytes (the name padded with letters). */
  const signUpBody = (bytes: number) => {
    const fields = { email: `${crypto.randomUUID()}@example.test`, password: "correct horse battery", name: "" };
    const padding = bytes - JSON.stringify(fields).length;
    return JSON.stringify({ ...fields, name: "n".repeat(padding) });
  };
  /** The same bytes as a stream of 1 KiB chunks: no Content-Length, as a chunked upload arrives. */
  const chunked = (text: string) => {
    const bytes = new TextEncoder().encode(text);
    let offset = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + 1024));
        offset += 1024;
      },
    });
  };

  it.each([
    ["declared with Content-Length", () => post(signUpBody(AUTH_BODY_MAX_BYTES + 1))],
    ["chunked, without Content-Length", () => post(chunked(signUpBody(AUTH_BODY_MAX_BYTES + 1)))],
    ["a Content-Length of 1 GB", () => post("{}", { "Content-Length": String(1e9) })],
  ])("are refused with 413 JSON before anything reads them: %s", async (_, request) => {
    const { requests, result: response } = await counted(() => route(request()));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("16 KiB") });
    expect(requests).toBe(0);
  });

  it("are refused with 413 when the stream never ends, having read little more than the cap", async () => {
    let sent = 0;
    let stopped = false;
    const endless = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (stopped) return controller.close();
        await new Promise((resolve) => setTimeout(resolve, 1));
        sent += 4096;
        controller.enqueue(new Uint8Array(4096).fill(32));
      },
    });
    const answer = route(post(endless));
    const late = new Promise<"no answer in 5 s">((resolve) => setTimeout(() => resolve("no answer in 5 s"), 5_000));
    const response = await Promise.race([answer, late]);
    stopped = true; // whatever happened, the stream ends here
    await answer;
    if (typeof response === "string") throw new Error(response);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(4 * AUTH_BODY_MAX_BYTES);
  });

  /** Next.js's proxyNextRequest: reads go to the request itself, functions bound to it. */
  const asNextHandsIt = (request: Request) =>
    new Proxy(request, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });

  it("pass the body on when the request arrives as Next.js hands it to a route (a Proxy, not a Request)", async () => {
    // The production build broke here: `new Request(proxy, init)` reads the Proxy as a URL
    // ("Invalid URL: [object Request]"), so every sign-up and sign-in answered 500.
    const body = JSON.stringify({ email: `${crypto.randomUUID()}@example.test`, password: "correct horse battery", name: "Ann" });
    const response = await route(asNextHandsIt(post(body)));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user: { name: "Ann" } });
  });

  it("pass at exactly 16 KiB, declared or chunked (then refused by the name's limit, not the size)", async () => {
    for (const body of [signUpBody(AUTH_BODY_MAX_BYTES), chunked(signUpBody(AUTH_BODY_MAX_BYTES))]) {
      const response = await route(post(body));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: "INVALID_ACCOUNT_FIELD" });
    }
  });
});

describe("made-up key ids at /jwks?kid=", () => {
  afterEach(() => vi.useRealTimers());
  const randomKids = async (count: number) => {
    const { requests } = await counted(async () => {
      for (let i = 0; i < count; i++) {
        const response = await route(new Request(`${ORIGIN}/api/auth/jwks?kid=${crypto.randomUUID()}`));
        expect(response.status).toBe(200);
      }
    });
    return requests;
  };

  it("read the key table at most once every 2 s per isolate, however many arrive", async () => {
    publicKeys.forgetPublicKeys();
    await route(new Request(`${ORIGIN}/api/auth/jwks`)); // this isolate's copy
    // The clock stands still while each burst arrives: a slow machine must not pass the 2 s itself.
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    expect(await randomKids(50)).toBe(1);
    vi.setSystemTime(start + KID_RELOAD_INTERVAL_MS - 100);
    expect(await randomKids(50)).toBe(0);
    vi.setSystemTime(start + KID_RELOAD_INTERVAL_MS + 100);
    expect(await randomKids(50)).toBe(1);
    vi.setSystemTime(start + 61_000); // the copy is past its minute too: one load serves both
    expect(await randomKids(50)).toBe(1);
  });
});
