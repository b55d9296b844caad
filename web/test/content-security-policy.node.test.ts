// The pages' Content-Security-Policy and the headers every response carries, as built
// (web/lib/http/content-security-policy.ts, security-headers.ts): scripts only with this load's
// nonce, never inline or eval outside `next dev`, never framed, fetches only to the app and the API.
// The browser suite checks the served headers too; this fails in `npm test`, without a build.
import { describe, expect, it } from "vitest";
import { newNonce, pageContentSecurityPolicy } from "../lib/http/content-security-policy.ts";
import { NON_PAGE_CSP, SECURITY_HEADERS, withSecurityHeaders } from "../lib/http/security-headers.ts";

/** `a x y; b z` → { a: ["x", "y"], b: ["z"] }; a repeated directive is an error (browsers ignore the second). */
function directives(policy: string): Record<string, string[]> {
  const parsed: Record<string, string[]> = {};
  for (const part of policy
    .split(";")
    .map((each) => each.trim())
    .filter(Boolean)) {
    const [name = "", ...sources] = part.split(/\s+/);
    expect(parsed, `${name} appears twice`).not.toHaveProperty(name);
    parsed[name] = sources;
  }
  return parsed;
}

const API = "https://api.tasks.example.com";
/** Sources that would let a script run without this load's nonce. */
const UNSAFE_SCRIPT_SOURCES = ["'unsafe-inline'", "'unsafe-hashes'", "*", "data:", "blob:", "http:", "https:", "'unsafe-eval'"];

describe("the page Content-Security-Policy", () => {
  it("allows scripts only with the load's nonce (and what they load), outside next dev", () => {
    const nonce = newNonce();
    const policy = directives(pageContentSecurityPolicy(nonce, API, false));
    expect(policy["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    for (const source of UNSAFE_SCRIPT_SOURCES) expect(policy["script-src"]).not.toContain(source);
    // Without a script-src, default-src would govern scripts: it must be as strict.
    expect(policy["default-src"]).toEqual(["'self'"]);
  });

  it("adds only 'unsafe-eval' under next dev (React's fast refresh), never 'unsafe-inline'", () => {
    const nonce = newNonce();
    const script = directives(pageContentSecurityPolicy(nonce, API, true))["script-src"];
    expect(script).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", "'unsafe-eval'"]);
    expect(script).not.toContain("'unsafe-inline'");
  });

  it("refuses framing, plugins, base and form hijacks, and fetches anywhere but the app, the API and its live WebSocket", () => {
    for (const development of [false, true]) {
      const policy = directives(pageContentSecurityPolicy(newNonce(), API, development));
      expect(policy["frame-ancestors"]).toEqual(["'none'"]);
      expect(policy["object-src"]).toEqual(["'none'"]);
      expect(policy["base-uri"]).toEqual(["'self'"]);
      expect(policy["form-action"]).toEqual(["'self'"]);
      expect(policy["connect-src"]).toEqual(["'self'", API, API.replace(/^http/, "ws")]);
      expect(policy["img-src"]).not.toContain("*");
    }
  });

  it("gets a fresh 128-bit nonce on every load", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });

  it.each(["http://localhost:8787", "https://api.tasks.example.com", "https://edge-tasks-api-staging.example.workers.dev"])(
    "holds with the API at %s",
    (origin) => {
      const policy = directives(pageContentSecurityPolicy(newNonce(), origin, false));
      expect(policy["connect-src"]).toEqual(["'self'", origin, origin.replace(/^http/, "ws")]);
      expect(policy["frame-ancestors"]).toEqual(["'none'"]);
      for (const source of UNSAFE_SCRIPT_SOURCES) expect(policy["script-src"]).not.toContain(source);
    },
  );
});

describe("the headers of every response", () => {
  it("give responses that are not pages a policy that runs nothing and cannot be framed", () => {
    const policy = directives(NON_PAGE_CSP);
    expect(policy["default-src"]).toEqual(["'none'"]);
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy).not.toHaveProperty("script-src");
  });

  it("are all set on a response, with the page's policy when given one", () => {
    const headers = (csp?: string) => Object.fromEntries(withSecurityHeaders(new Response(null), csp).headers);
    expect(headers()).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "strict-transport-security": expect.stringMatching(/^max-age=\d{8,}; includeSubDomains$/),
      "permissions-policy": expect.stringContaining("camera=()"),
      "content-security-policy": NON_PAGE_CSP,
    });
    const page = pageContentSecurityPolicy(newNonce(), API, false);
    expect(headers(page)["content-security-policy"]).toBe(page);
    expect(SECURITY_HEADERS.map(({ key }) => key.toLowerCase()).sort()).toEqual(
      ["permissions-policy", "referrer-policy", "strict-transport-security", "x-content-type-options", "x-frame-options"].sort(),
    );
  });
});
