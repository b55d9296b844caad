// The browser's token and session calls answered before OpenNext (web/lib/auth/direct-auth-route.ts):
// by the auth route's own handler once Next.js has loaded that route, with the security headers
// next.config.ts gives every /api/* response, and only for those two paths and GET.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import {
  DIRECT_AUTH_PATHS,
  type DirectAuthHandler,
  directAuthResponse,
  registerDirectAuthRoute,
  unregisterDirectAuthRoute,
} from "../lib/auth/direct-auth-route.ts";
import { NON_PAGE_CSP, SECURITY_HEADERS } from "../lib/http/security-headers.ts";
import { authEnv, ORIGIN, signUp } from "./workers-helpers.ts";

/** Asks worker.js's question, with a fresh execution context, and waits for its work to end. */
async function direct(path: string, init: RequestInit = {}): Promise<Response | undefined> {
  const ctx = createExecutionContext();
  const response = await directAuthResponse(new Request(`${ORIGIN}${path}`, init), authEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const answered: string[] = [];
const recording: DirectAuthHandler = async (request) => {
  answered.push(`${request.method} ${new URL(request.url).pathname}`);
  return Response.json({ ok: true }, { headers: { "Content-Security-Policy": "default-src *" } });
};

afterEach(() => {
  unregisterDirectAuthRoute();
  answered.length = 0;
});

describe("the direct auth route", () => {
  it("leaves every request to OpenNext until the auth route has been loaded", async () => {
    for (const path of DIRECT_AUTH_PATHS) expect(await direct(path)).toBeUndefined();
  });

  it("answers only GET of the exact token and session paths, everything else goes to OpenNext", async () => {
    registerDirectAuthRoute(recording);
    const passed = [
      ["/api/auth/jwks", "GET"],
      ["/api/auth/sign-in/email", "POST"],
      ["/api/auth/token", "POST"],
      ["/api/auth/get-session", "HEAD"],
      ["/api/auth/token/", "GET"],
      ["/api/auth//token", "GET"],
      ["/api/auth/TOKEN", "GET"],
      ["/api/auth/token/x", "GET"],
      ["/tasks", "GET"],
    ];
    for (const [path, method] of passed) expect(await direct(path as string, { method }), `${method} ${path}`).toBeUndefined();
    expect(answered).toEqual([]);
    expect((await direct("/api/auth/token?x=1"))?.status).toBe(200);
    expect((await direct("/api/auth/get-session?disableCookieCache=true"))?.status).toBe(200);
    expect(answered).toEqual(["GET /api/auth/token", "GET /api/auth/get-session"]);
  });

  it("sends the security headers of every /api/* response, whatever the handler set", async () => {
    registerDirectAuthRoute(recording);
    const response = await direct("/api/auth/token");
    for (const { key, value } of SECURITY_HEADERS) expect(response?.headers.get(key), key).toBe(value);
    expect(response?.headers.get("Content-Security-Policy")).toBe(NON_PAGE_CSP);
    expect(await response?.json()).toEqual({ ok: true });
  });

  it("passes on every cookie the handler sets (a session refresh sets several)", async () => {
    registerDirectAuthRoute(async () => {
      const headers = new Headers();
      headers.append("Set-Cookie", "a=1; Path=/; HttpOnly");
      headers.append("Set-Cookie", "b=2; Path=/; HttpOnly");
      return new Response(null, { status: 200, headers });
    });
    expect((await direct("/api/auth/get-session"))?.headers.getSetCookie()).toEqual([
      "a=1; Path=/; HttpOnly",
      "b=2; Path=/; HttpOnly",
    ]);
  });

  it("registered by the auth route's module, answers a token for the session and 401 without one", async () => {
    await import("../app/api/auth/[...all]/route.ts");
    const { cookie } = await signUp("Direct Route");
    const token = await direct("/api/auth/token", { headers: { Cookie: cookie } });
    expect(token?.status).toBe(200);
    expect(((await token?.json()) as { token?: string } | undefined)?.token?.split(".")).toHaveLength(3);
    const session = await direct("/api/auth/get-session", { headers: { Cookie: cookie } });
    expect(((await session?.json()) as { user?: { name: string } } | undefined)?.user?.name).toBe("Direct Route");
    expect((await direct("/api/auth/token"))?.status).toBe(401);
  });
});
