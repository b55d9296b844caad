// The headers the web's middleware puts on pages and on its own redirects, inside workerd: each
// page load its own Content-Security-Policy nonce, handed to Next (which puts it on its scripts)
// and never with 'unsafe-inline' or 'unsafe-eval' outside `next dev`; redirects run no script.
// The policy itself is unit-tested in content-security-policy.node.test.ts.
import { describe, expect, it } from "vitest";
import { NON_PAGE_CSP, SECURITY_HEADERS } from "../lib/http/security-headers.ts";
import { middlewareResponse } from "./middleware-helpers.ts";
import { signUp } from "./workers-helpers.ts";

const directive = (policy: string, name: string) =>
  policy
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([each]) => each === name)
    ?.slice(1);

describe("the middleware's headers", () => {
  it("give every page its own nonce, the same one Next is handed, and a strict script policy", async () => {
    const { cookie } = await signUp();
    const nonces = new Set<string>();
    for (const [path, withCookie] of [
      ["/", ""],
      ["/signin", ""],
      ["/signup", ""],
      ["/tasks", cookie],
      ["/tasks", cookie],
    ] as const) {
      const response = await middlewareResponse(path, withCookie);
      expect(response.headers.get("x-middleware-next"), path).toBe("1");
      const policy = response.headers.get("Content-Security-Policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? "";
      expect(directive(policy, "script-src"), path).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
      expect(directive(policy, "frame-ancestors"), path).toEqual(["'none'"]);
      // The request Next renders carries the same policy and nonce.
      expect(response.headers.get("x-middleware-request-x-nonce"), path).toBe(nonce);
      expect(response.headers.get("x-middleware-request-content-security-policy"), path).toBe(policy);
      for (const { key, value } of SECURITY_HEADERS) expect(response.headers.get(key), `${path} ${key}`).toBe(value);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(5);
  });

  it("give the middleware's own redirects the script-less policy and every security header", async () => {
    const { cookie } = await signUp();
    for (const [path, withCookie] of [
      ["/dashboard", ""],
      ["/settings?x=1", ""],
      ["/signin", cookie],
    ] as const) {
      const response = await middlewareResponse(path, withCookie);
      expect(response.status, path).toBe(307);
      expect(response.headers.get("Content-Security-Policy"), path).toBe(NON_PAGE_CSP);
      for (const { key, value } of SECURITY_HEADERS) expect(response.headers.get(key), `${path} ${key}`).toBe(value);
    }
  });
});
