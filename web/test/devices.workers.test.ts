// The devices list and signing one out, inside workerd: sessions named by id (never by their
// token), with user agent, address, created and last active; a revoked device's API tokens stop
// working at once; any id, body or stranger's session is a 4xx JSON answer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withJsonErrors } from "../lib/auth/json-errors.ts";
import {
  apiEnvWithAuthBinding,
  apiFetch,
  authPost,
  authRequest,
  cookieHeader,
  issueToken,
  newClientAddress,
  ORIGIN,
  PASSWORD,
  signUp,
} from "./workers-helpers.ts";

const api = apiFetch(apiEnvWithAuthBinding().apiEnv);
const PHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

type Device = {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: string;
  lastActiveAt: string;
  current: boolean;
};

async function signInFrom(email: string, userAgent: string, address: string): Promise<string> {
  const response = await authRequest("/sign-in/email", {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": address, "User-Agent": userAgent },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return cookieHeader(response);
}

async function devicesOf(cookie: string): Promise<Device[]> {
  const response = await authRequest("/devices", { headers: { Cookie: cookie } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { devices: Device[] }).devices;
}

const apiStatus = async (userId: string, token: string) =>
  (await api(`https://api.test/api/${userId}/tasks`, { headers: { Authorization: `Bearer ${token}` } })).status;

describe("devices", () => {
  it("is the only way to list or revoke sessions: Better Auth's token-naming endpoints are off", async () => {
    const { cookie } = await signUp();
    const route = withJsonErrors((request) => authRequest(new URL(request.url).pathname.replace("/api/auth", ""), request));
    for (const request of [
      new Request(`${ORIGIN}/api/auth/list-sessions`, { headers: { Cookie: cookie } }),
      new Request(`${ORIGIN}/api/auth/revoke-session`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/json", Origin: ORIGIN },
        body: JSON.stringify({ token: "anything" }),
      }),
    ]) {
      const response = await route(request);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("lists each session with its user agent, address, created and last active, the current one first and marked, no tokens", async () => {
    const { email, cookie } = await signUp();
    const address = newClientAddress();
    const phone = await signInFrom(email, PHONE, address);
    const list = await devicesOf(phone);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ current: true, userAgent: PHONE, ipAddress: address });
    expect(list[1]?.current).toBe(false);
    for (const device of list) {
      expect(Object.keys(device).sort()).toEqual(["createdAt", "current", "id", "ipAddress", "lastActiveAt", "userAgent"]);
      expect(Date.parse(device.createdAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(Date.parse(device.lastActiveAt)).toBeGreaterThanOrEqual(Date.parse(device.createdAt));
    }
    expect(JSON.stringify(list)).not.toContain(cookie.match(/session_token=([^.;]+)/)?.[1] ?? "none");
  });

  it("signs one device out from another: its API tokens get 401 at once, the other keeps working", async () => {
    const { userId, email, cookie } = await signUp();
    const phone = await signInFrom(email, PHONE, newClientAddress());
    const phoneToken = await issueToken(phone);
    const laptopToken = await issueToken(cookie);
    const target = (await devicesOf(cookie)).find((device) => !device.current);
    const response = await authPost("/devices/revoke", cookie, { id: target?.id });
    expect([response.status, await response.json()]).toEqual([200, { status: true }]);
    expect(await apiStatus(userId, phoneToken)).toBe(401);
    expect(await apiStatus(userId, laptopToken)).toBe(200);
    expect((await authRequest("/token", { headers: { Cookie: phone } })).status).toBe(401);
    expect(await devicesOf(cookie)).toHaveLength(1);
  });

  it("signs the current device out when it revokes itself, clearing its cookie", async () => {
    const { cookie } = await signUp();
    const [me] = await devicesOf(cookie);
    const response = await authPost("/devices/revoke", cookie, { id: me?.id });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().join("\n")).toMatch(/session_token=;/);
    expect((await authRequest("/devices", { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it("cannot touch another person's session: 404, and it stays signed in", async () => {
    const mallory = await signUp("Mallory");
    const victim = await signUp("Victim");
    const [victimDevice] = await devicesOf(victim.cookie);
    const response = await authPost("/devices/revoke", mallory.cookie, { id: victimDevice?.id });
    expect([response.status, await response.json()]).toEqual([
      404,
      { code: "DEVICE_NOT_FOUND", message: "No such device is signed in." },
    ]);
    expect(await apiStatus(victim.userId, await issueToken(victim.cookie))).toBe(200);
  });

  // A request through Better Auth per generated input: 4 to 8 s alone, several times that under load.
  it("answers any id or body with a 4xx JSON error, and a signed-out caller with 401", { timeout: 120_000 }, async () => {
    const { cookie } = await signUp();
    expect((await authPost("/devices/revoke", "", { id: "x" })).status).toBe(401);
    expect((await authRequest("/devices")).status).toBe(401);
    const check = async (body: unknown) => {
      const response = await authPost("/devices/revoke", cookie, body);
      expect(response.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.status, JSON.stringify(body)).toBeLessThan(500);
      expect(response.headers.get("Content-Type")).toMatch(/json/);
    };
    for (const id of ["", " ", "' or 1=1 --", "%", "a".repeat(129), "a".repeat(100_000), null, 1, {}, ["x"]]) await check({ id });
    for (const body of [null, [], "id", 0]) await check(body);
    await fc.assert(
      fc.asyncProperty(fc.anything(), (id) => check({ id })),
      { numRuns: 50 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 128 }), (id) => check({ id })),
      { numRuns: 50 },
    );
    // Still signed in after all of it.
    expect(await devicesOf(cookie)).toHaveLength(1);
  });
});
