// One origin per environment: WEB_ORIGIN gives the issuer, the audience, the JWKS URL and the
// CORS origin; a missing or wrong one stops the worker with a message naming the variable.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getConfig } from "../src/config.ts";

// JWKS_URL as wrangler.toml declares it: empty, i.e. WEB_ORIGIN's JWKS.
const base = { ...env, JWKS_URL: "" };

describe("getConfig", () => {
  it("derives the issuer, the audience, the JWKS URL and the CORS origin from WEB_ORIGIN", () => {
    const config = getConfig({ ...base, WEB_ORIGIN: "https://tasks.example.com/" });
    expect(config).toMatchObject({
      webOrigin: "https://tasks.example.com",
      issuer: "https://tasks.example.com",
      audience: "https://tasks.example.com",
      jwksUrl: "https://tasks.example.com/api/auth/jwks",
      algorithms: ["EdDSA"],
      jwksCacheTtlSeconds: 3600,
      dbTransport: "http",
    });
  });

  it("lets JWKS_URL name another JWKS (a stand-in in tests and benchmarks)", () => {
    const config = getConfig({ ...base, WEB_ORIGIN: "https://tasks.example.com", JWKS_URL: "https://keys.example.com/jwks" });
    expect(config.jwksUrl).toBe("https://keys.example.com/jwks");
    expect(config.issuer).toBe("https://tasks.example.com");
  });

  it.each([
    [undefined, "WEB_ORIGIN is missing"],
    ["tasks.example.com", "WEB_ORIGIN must be a URL"],
    ["https://tasks.example.com/app", "WEB_ORIGIN must be an origin only"],
  ])("refuses WEB_ORIGIN=%s, naming it", (value, message) => {
    expect(() => getConfig({ ...base, WEB_ORIGIN: value as string })).toThrow(message);
  });

  it("still names each other variable it refuses", () => {
    expect(() => getConfig({ ...env, JWT_ALGORITHMS: "HS256" })).toThrow("JWT_ALGORITHMS allows");
    expect(() => getConfig({ ...env, DATABASE_URL: "mysql://x" })).toThrow("DATABASE_URL must be a postgres:// URL");
    expect(() => getConfig({ ...env, JWKS_URL: "not a url" })).toThrow("JWKS_URL must be a URL");
  });
});
