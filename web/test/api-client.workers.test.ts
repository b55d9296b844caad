// The web's API client (web/lib/tasks/api.ts + token-cache.ts) against the real API worker, with real
// tokens from Better Auth, inside workerd.
import { beforeAll, describe, expect, it } from "vitest";
import { ApiError, createTasksApi } from "../lib/tasks/api.ts";
import { createTokenCache, lifetimeMs, REFRESH_MARGIN_MS } from "../lib/tasks/token-cache.ts";
import { apiEnvWithAuthBinding, apiFetch, authPost, issueToken, signUp, sql } from "./workers-helpers.ts";

describe("tasks API client", () => {
  const { apiEnv } = apiEnvWithAuthBinding();
  let userId: string;
  let cookie: string;
  let tokenRequests = 0;
  const fetchToken = () => {
    tokenRequests += 1;
    return issueToken(cookie);
  };
  let sessionEnded = 0;
  const client = (tokens = createTokenCache(fetchToken), fetchImpl = apiFetch(apiEnv)) =>
    createTasksApi({
      baseUrl: "https://api.test",
      userId,
      tokens,
      fetch: fetchImpl,
      onSessionEnded: () => {
        sessionEnded += 1;
      },
      createRetryDelaysMs: [0, 0, 0],
    });
  const storedTitled = async (title: string) => sql("select id from tasks where user_id = $1 and title = $2", [userId, title]);

  /**
   * The real API, except that the answers of the first `drops` requests are lost after the API
   * wrote (as a phone's connection drops): each key it saw, per request.
   */
  function losingAnswers(drops: number) {
    const keys: (string | null)[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      keys.push(new Headers(init?.headers).get("Idempotency-Key"));
      const response = await apiFetch(apiEnv)(input, init);
      if (keys.length <= drops) throw new TypeError("Network connection lost");
      return response;
    };
    return { keys, fetchImpl };
  }

  beforeAll(async () => {
    ({ userId, cookie } = await signUp("Client Tester"));
  });

  it("round-trips every route the app calls", async () => {
    const api = client();
    const created = await api.create({ title: "write tests", description: "for the client" });
    expect(created).toMatchObject({ title: "write tests", description: "for the client", completed: false });
    expect((await api.list()).tasks.find((t) => t.id === created.id)).toEqual(created);
    expect((await api.update(created.id, { completed: true })).completed).toBe(true);
    expect((await api.update(created.id, { title: "tests written" })).title).toBe("tests written");
    expect((await api.list({ status: "completed" })).tasks.map((t) => t.id)).toContain(created.id);
    expect(await api.summary()).toMatchObject({ completed: expect.any(Number), total: expect.any(Number) });
    await api.remove(created.id);
    expect((await api.list()).tasks.map((t) => t.id)).not.toContain(created.id);
    await expect(api.remove(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it("reuses one token across calls instead of asking for one per call", async () => {
    tokenRequests = 0;
    const api = client();
    for (let i = 0; i < 10; i++) await api.list();
    expect(tokenRequests).toBe(1);
  });

  it("refreshes the token 60 s before it expires", async () => {
    tokenRequests = 0;
    const received = Date.now();
    let now = received;
    const tokens = createTokenCache(fetchToken, () => now);
    const api = client(tokens);
    await api.list();
    const first = await tokens.get();
    now = received + lifetimeMs(first) - REFRESH_MARGIN_MS + 1000; // inside the margin
    await api.list();
    expect(tokenRequests).toBe(2);
  });

  it("reuses a fresh token when the browser's clock runs ahead of the server's", async () => {
    tokenRequests = 0;
    const aheadBy = 16 * 60_000; // past the token's 15 minutes by the server's clock
    const api = client(createTokenCache(fetchToken, () => Date.now() + aheadBy));
    for (let i = 0; i < 5; i++) await api.list();
    expect(tokenRequests).toBe(1);
  });

  it("shares one refresh among concurrent calls", async () => {
    tokenRequests = 0;
    const api = client();
    const pages = await Promise.all(Array.from({ length: 20 }, () => api.list({ limit: "1" })));
    expect(pages).toHaveLength(20);
    expect(tokenRequests).toBe(1);
  });

  it("on a 401, refreshes the token once and retries", async () => {
    const valid = await issueToken(cookie);
    const [header, payload] = valid.split(".");
    const revoked = `${header}.${payload}.${"A".repeat(86)}`; // looks unexpired, signature is wrong
    const handed = [revoked, valid];
    const tokens = createTokenCache(async () => handed.shift() ?? valid);
    const api = client(tokens);
    sessionEnded = 0;
    await expect(api.list()).resolves.toMatchObject({ tasks: expect.any(Array) });
    expect(handed).toEqual([]);
    expect(sessionEnded).toBe(0);
  });

  it("reports the end of the session once the API refuses a fresh token too (signed out elsewhere)", async () => {
    const { userId: otherUser, cookie: otherCookie } = await signUp("Signed Out Elsewhere");
    const tokens = createTokenCache(() =>
      issueToken(otherCookie).catch(() => Promise.reject(new ApiError("ended", 401, "session_ended"))),
    );
    const api = createTasksApi({
      baseUrl: "https://api.test",
      userId: otherUser,
      tokens,
      fetch: apiFetch(apiEnv),
      onSessionEnded: () => {
        sessionEnded += 1;
      },
    });
    await api.list();
    await authPost("/sign-out", otherCookie);
    sessionEnded = 0;
    await expect(api.list()).rejects.toMatchObject({ status: 401 });
    expect(sessionEnded).toBe(1);
  });

  it("gives up after one retry when the API keeps answering 401", async () => {
    const valid = await issueToken(cookie);
    const [header, payload] = valid.split(".");
    let handedOut = 0;
    const tokens = createTokenCache(async () => {
      handedOut += 1;
      return `${header}.${payload}.${"B".repeat(86)}`;
    });
    const error = await client(tokens)
      .list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: "invalid_token" });
    expect(handedOut).toBe(2);
  });

  it("maps API errors to ApiError with the server's status, code, message and details", async () => {
    const api = client();
    const missing = await api.update(crypto.randomUUID(), { title: "anything" }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: "task_not_found", message: "No such task." });
    const invalid = await api.create({ title: "   " }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 422, code: "validation_failed", details: { title: ["title must not be empty"] } });
    const unreachable = client(undefined, async () => {
      throw new TypeError("fetch failed");
    });
    await expect(unreachable.list()).rejects.toMatchObject({ status: 0, code: "network_error" });
  });

  it("creates once when answers are lost after the write: retries carry the same key", async () => {
    const { keys, fetchImpl } = losingAnswers(2);
    const created = await client(undefined, fetchImpl).create({ title: "lost answers" });
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect((await storedTitled("lost answers")).map((row) => row.id)).toEqual([created.id]);
  });

  it("keeps a failed create's key: the person's next try of the same input writes nothing more", async () => {
    const { keys, fetchImpl } = losingAnswers(Number.POSITIVE_INFINITY);
    const api = client(undefined, async (input, init) =>
      keys.length < 4 ? fetchImpl(input, init) : apiFetch(apiEnv)(input, init),
    );
    await expect(api.create({ title: "tried twice" })).rejects.toMatchObject({ status: 0, code: "network_error" });
    const created = await api.create({ title: " tried twice " });
    expect((await storedTitled("tried twice")).map((row) => row.id)).toEqual([created.id]);
    // A new create, once that one succeeded, is a new request with a new key.
    const again = await api.create({ title: "tried twice" });
    expect(again.id).not.toBe(created.id);
  });

  it("does not retry a create the API refused (4xx): nothing was written", async () => {
    const { keys, fetchImpl } = losingAnswers(0);
    await expect(client(undefined, fetchImpl).create({ title: "   " })).rejects.toMatchObject({ status: 422 });
    expect(keys).toHaveLength(1);
  });
});
