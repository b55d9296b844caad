import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createUser, json, signToken, testEnv, withDatabaseDown } from "./helpers.ts";

const WEB_ORIGIN = "http://localhost:3000";

describe("the worker as deployed (default export, configured env)", () => {
  it("serves GET /health without I/O", async () => {
    const response = await exports.default.fetch("https://api.test/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("reports ready when the database and the JWKS are reachable", async () => {
    const response = await exports.default.fetch("https://api.test/ready");
    expect(await response.json()).toEqual({ status: "ok", checks: { database: "ok", jwks: "ok" } });
  });
});

describe("HTTP behaviour", () => {
  const api = testEnv();

  it("puts a request id and secure headers on every response", async () => {
    for (const path of ["/health", "/nope", "/api/x/tasks"]) {
      const response = await call(api, path);
      expect(response.headers.get("X-Request-Id"), path).toMatch(/^[\w-]+$/);
      expect(response.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
      expect(response.headers.get("Strict-Transport-Security"), path).toContain("max-age=");
    }
  });

  it("answers unknown routes with a JSON 404", async () => {
    const response = await call(api, "/api/tasks");
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({ code: "not_found", message: "No route for GET /api/tasks." });
  });

  it("answers unsupported methods with 405 and Allow", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    const cases = [
      [`/api/${userId}/tasks`, "DELETE", "GET, POST, OPTIONS"],
      [`/api/${userId}/tasks/${crypto.randomUUID()}`, "POST", "GET, PUT, DELETE, OPTIONS"],
      [`/api/${userId}/tasks/${crypto.randomUUID()}/complete`, "GET", "PATCH, OPTIONS"],
      ["/health", "POST", "GET, OPTIONS"],
    ] as const;
    for (const [path, method, allow] of cases) {
      const response = await call(api, path, { method, token });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get("Allow")).toBe(allow);
      expect((await json(response)).code).toBe("method_not_allowed");
    }
  });

  it("allows CORS preflight from the web origin only", async () => {
    const preflight = (origin: string) =>
      call(api, "/api/u/tasks", {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "authorization,content-type,idempotency-key",
        },
      });
    const allowed = await preflight(WEB_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe(WEB_ORIGIN);
    expect(allowed.headers.get("Access-Control-Allow-Headers")?.toLowerCase()).toBe("authorization,content-type,idempotency-key");
    expect(allowed.headers.get("Access-Control-Allow-Methods")).toContain("PATCH");

    const refused = await preflight("https://evil.example");
    expect(refused.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("adds CORS headers to error responses for the web origin, so the browser can read them", async () => {
    const response = await call(api, "/api/u/tasks", { headers: { Origin: WEB_ORIGIN } });
    expect(response.status).toBe(401);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(WEB_ORIGIN);
  });

  it("lets the web origin's script read the headers it uses: a new task's Location, a replay, an export's file name", async () => {
    const response = await call(api, "/api/u/tasks/export", { headers: { Origin: WEB_ORIGIN } });
    const exposed = response.headers.get("Access-Control-Expose-Headers")?.toLowerCase().split(/,\s*/) ?? [];
    expect(exposed).toEqual(expect.arrayContaining(["location", "idempotent-replayed", "content-disposition"]));
  });
});

describe.each(["http", "ws"] as const)("database outage over %s", (transport) => {
  it("answers 503 with a clear message, and /ready says which dependency failed", async () => {
    const healthy = testEnv({ DB_TRANSPORT: transport });
    const userId = await createUser(healthy);
    const token = await signToken(userId);
    // The database out of reach: the endpoint answers, the database behind it does not.
    const broken = withDatabaseDown(healthy);
    const response = await call(broken, `/api/${userId}/tasks`, {
      token,
      method: "POST",
      body: JSON.stringify({ title: "lost?" }),
    });
    expect(response.status).toBe(503);
    expect(await json(response)).toEqual({
      code: "database_unavailable",
      message: "The database is unreachable; try again shortly.",
    });
    expect(response.headers.get("Retry-After")).toBe("5");

    const ready = await call(broken, "/ready");
    expect(ready.status).toBe(503);
    const body = await json<{ code: string; details: { database: string; jwks: string } }>(ready);
    expect(body.code).toBe("not_ready");
    // Only ok / failed: the driver's error and the database's address stay in the log.
    expect(body.details).toEqual({ database: "failed", jwks: "ok" });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|postgres|ECONN|connect/i);

    // Back on the healthy database: it works without a restart, and nothing was half-written.
    const list = await call(healthy, `/api/${userId}/tasks`, { token });
    expect(await json(list)).toEqual({ tasks: [], next_cursor: null });
  });
});
