import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createUser, signToken, testEnv } from "./helpers.ts";

/** startLocalDatabase's default pool size behind POST /sql. */
const ENDPOINT_POOL_SIZE = 4;

type EndpointStats = { connectionsOpened: number; connectionsOpen: number; httpQueries: number; wsSessions: number };

const stats = async (): Promise<EndpointStats> => (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json();

/** Sockets close asynchronously after `pool.end()`: poll until the count settles. */
async function openConnectionsSettle(expected: number): Promise<number> {
  let open = (await stats()).connectionsOpen;
  for (let i = 0; i < 50 && open > expected; i++) {
    await new Promise((done) => setTimeout(done, 100));
    open = (await stats()).connectionsOpen;
  }
  return open;
}

describe("database connections", () => {
  it("HTTP transport: 10,000 requests open no new connection beyond the endpoint's pool", async () => {
    const api = testEnv({ DB_TRANSPORT: "http" });
    const userId = await createUser(api);
    const token = await signToken(userId);
    // Warm the endpoint's pool to its full size (it grows lazily, up to ENDPOINT_POOL_SIZE).
    await Promise.all(Array.from({ length: 20 }, () => call(api, `/api/${userId}/tasks`, { token })));
    const before = await stats();
    for (let batch = 0; batch < 500; batch++) {
      const responses = await Promise.all(Array.from({ length: 20 }, () => call(api, `/api/${userId}/tasks`, { token })));
      expect(responses.every((r) => r.status === 200)).toBe(true);
    }
    const after = await stats();
    expect(after.httpQueries - before.httpQueries).toBeGreaterThanOrEqual(10_000);
    expect(after.connectionsOpened).toBe(before.connectionsOpened);
    expect(after.connectionsOpen).toBe(before.connectionsOpen);
    // One pool per connection string: the API's, and (where roles apply) the owner's the test used.
    const pools = env.TEST_ROLES_ENFORCED ? 2 : 1;
    expect(after.connectionsOpen).toBeLessThanOrEqual(ENDPOINT_POOL_SIZE * pools);
    // 10,000 requests: about 20 s on an idle machine, over 30 s while other work shares its cores.
  }, 120_000);

  it("WebSocket transport: every per-request Pool is closed after its response", async () => {
    const api = testEnv({ DB_TRANSPORT: "ws" });
    const userId = await createUser(api);
    const token = await signToken(userId);
    const before = await stats();
    for (let batch = 0; batch < 20; batch++) {
      const responses = await Promise.all(Array.from({ length: 10 }, () => call(api, `/api/${userId}/tasks`, { token })));
      expect(responses.every((r) => r.status === 200)).toBe(true);
    }
    const after = await stats();
    expect(after.wsSessions - before.wsSessions).toBe(200);
    expect(await openConnectionsSettle(before.connectionsOpen)).toBe(before.connectionsOpen);
  });
});
