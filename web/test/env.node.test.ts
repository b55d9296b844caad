// The web worker's environment (web/lib/env.ts), in Node: which transport it sends mail with,
// when e-mail verification is required, and when it refuses to start (deployed without Resend's
// key or sender, locally with a mailbox off this machine, a verification flag it cannot read).
// Messages name the variable. The auth settings' own checks run in auth-to-api.workers.test.ts.
// Deployed: an http: BETTER_AUTH_URL, a local Neon endpoint, or TRUSTED_ORIGINS that are not exact
// https origins stop the worker; every environment of web/wrangler.toml passes as configured.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { LOCAL_EMAIL_FROM, readEnv, type WebBindings } from "../lib/env.ts";

/** Valid auth and API settings, so that each case below is about e-mail alone. */
const AUTH: WebBindings = {
  BETTER_AUTH_SECRET: "vNE3tzhwY1NlZ2HL0atauD0186WFDHvp8oBOCsROheA=",
  // https: valid in every APP_ENV (plain http: is refused in staging and production).
  BETTER_AUTH_URL: "https://tasks.example.com",
  DATABASE_URL: "postgres://app@127.0.0.1:5432/app",
  API_URL: "http://localhost:8787",
};
/** The e-mail settings of `env`, read with valid auth settings. */
const readEmailEnv = (env: WebBindings) => readEnv({ ...AUTH, ...env }).email;
const emailVerificationRequired = (env: WebBindings) => readEnv({ ...AUTH, ...env }).emailVerificationRequired;

const KEY = "re_123456789_abcdefghijklmnopqrstuvwxyz";
const FROM = "Edge Tasks <no-reply@tasks.example.com>";

describe("readEnv: e-mail", () => {
  it.each(["staging", "production"])("sends with Resend in %s", (APP_ENV) => {
    expect(readEmailEnv({ APP_ENV, RESEND_API_KEY: KEY, EMAIL_FROM: FROM })).toEqual({
      environment: APP_ENV,
      transport: "resend",
      apiKey: KEY,
      from: FROM,
    });
  });

  it.each(["development", "preview"])("sends only to the dev mailbox in %s, even with a Resend key set", (APP_ENV) => {
    const config = readEmailEnv({ APP_ENV, RESEND_API_KEY: KEY, MAIL_CAPTURE_URL: "http://127.0.0.1:8025" });
    expect(config).toEqual({
      environment: APP_ENV,
      transport: "capture",
      captureUrl: "http://127.0.0.1:8025",
      from: LOCAL_EMAIL_FROM,
    });
  });

  it.each<[string, WebBindings, RegExp[]]>([
    ["no APP_ENV", {}, [/APP_ENV must be one of development, preview, staging, production/]],
    ["an unknown APP_ENV", { APP_ENV: "prod" }, [/APP_ENV must be one of/]],
    [
      "production without a key",
      { APP_ENV: "production", EMAIL_FROM: FROM },
      [/RESEND_API_KEY is missing in production: `wrangler secret put RESEND_API_KEY -c web\/wrangler.toml --env production`/],
    ],
    ["staging without a sender", { APP_ENV: "staging", RESEND_API_KEY: KEY }, [/EMAIL_FROM is missing in staging/]],
    ["production with neither", { APP_ENV: "production" }, [/RESEND_API_KEY is missing/, /EMAIL_FROM is missing/]],
    ["a blank key", { APP_ENV: "production", RESEND_API_KEY: "   ", EMAIL_FROM: FROM }, [/RESEND_API_KEY is missing/]],
    [
      "a key that is not Resend's",
      { APP_ENV: "production", RESEND_API_KEY: "changeme", EMAIL_FROM: FROM },
      [/RESEND_API_KEY is not a Resend API key/],
    ],
    [
      "a sender that is not an address",
      { APP_ENV: "production", RESEND_API_KEY: KEY, EMAIL_FROM: "Edge Tasks" },
      [/EMAIL_FROM is not an address/],
    ],
    [
      "a sender with a header line",
      { APP_ENV: "production", RESEND_API_KEY: KEY, EMAIL_FROM: "a@b.example\r\nBcc: x@y.example" },
      [/EMAIL_FROM is not an address/],
    ],
    [
      "a capture URL in production",
      { APP_ENV: "production", RESEND_API_KEY: KEY, EMAIL_FROM: FROM, MAIL_CAPTURE_URL: "http://127.0.0.1:8025" },
      [/MAIL_CAPTURE_URL must be empty in production/],
    ],
    ["development without a mailbox", { APP_ENV: "development" }, [/MAIL_CAPTURE_URL is missing in development/]],
    [
      "a mailbox on another machine",
      { APP_ENV: "development", MAIL_CAPTURE_URL: "http://mail.example.com:8025" },
      [/MAIL_CAPTURE_URL must be an http:\/\/ URL on this machine/],
    ],
    [
      "a mailbox behind a look-alike name",
      { APP_ENV: "preview", MAIL_CAPTURE_URL: "http://127.0.0.1.evil.example/" },
      [/on this machine/],
    ],
    [
      "a mailbox over https elsewhere",
      { APP_ENV: "preview", MAIL_CAPTURE_URL: "https://localhost.example" },
      [/on this machine/],
    ],
    ["a mailbox URL that does not parse", { APP_ENV: "development", MAIL_CAPTURE_URL: "127.0.0.1:8025" }, [/on this machine/]],
  ])("refuses to start with %s, naming the variable", (_case, env, messages) => {
    let error: unknown;
    try {
      readEmailEnv(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    for (const message of messages) expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/^Web worker misconfigured: /);
  });

  it("accepts the local mailbox as localhost or [::1], and a plain address as sender", () => {
    for (const url of ["http://localhost:8025", "http://[::1]:8025/", "http://127.0.0.2:1"]) {
      expect(readEmailEnv({ APP_ENV: "development", MAIL_CAPTURE_URL: url }).transport).toBe("capture");
    }
    expect(readEmailEnv({ APP_ENV: "production", RESEND_API_KEY: KEY, EMAIL_FROM: "no-reply@tasks.example.com" }).from).toBe(
      "no-reply@tasks.example.com",
    );
  });

  it("reads an env object once", () => {
    const env = { ...AUTH, APP_ENV: "development", MAIL_CAPTURE_URL: "http://127.0.0.1:8025" };
    expect(readEnv(env)).toBe(readEnv(env));
  });
});

const MAILBOX = "http://127.0.0.1:8025";
const RESEND = { RESEND_API_KEY: "re_123456789", EMAIL_FROM: "Edge Tasks <no-reply@tasks.example.com>" };

describe("emailVerificationRequired", () => {
  it.each([
    ["development", {}, false],
    ["development", { REQUIRE_EMAIL_VERIFICATION: "true" }, true],
    ["development", { REQUIRE_EMAIL_VERIFICATION: "false" }, false],
    ["development", { REQUIRE_EMAIL_VERIFICATION: " " }, false],
    ["preview", {}, true],
    ["preview", { REQUIRE_EMAIL_VERIFICATION: "false" }, true],
    ["staging", { ...RESEND, MAIL_CAPTURE_URL: "" }, true],
    ["production", { ...RESEND, MAIL_CAPTURE_URL: "", REQUIRE_EMAIL_VERIFICATION: "false" }, true],
  ])("%s with %j → %s", (APP_ENV, extra, required) => {
    const env = { APP_ENV, MAIL_CAPTURE_URL: MAILBOX, ...extra };
    expect(emailVerificationRequired(env)).toBe(required);
  });

  it("stops the worker on any other value, naming the variable", () => {
    for (const value of ["yes", "1", "TRUE", "on", "true,false"]) {
      expect(() =>
        emailVerificationRequired({ APP_ENV: "development", MAIL_CAPTURE_URL: MAILBOX, REQUIRE_EMAIL_VERIFICATION: value }),
      ).toThrow(/REQUIRE_EMAIL_VERIFICATION must be true, false or empty/);
    }
  });
});

describe("readEnv", () => {
  it("names every bad variable of every part in one message", () => {
    const env = { APP_ENV: "production", API_URL: "not a url", BETTER_AUTH_SECRET: AUTH.BETTER_AUTH_SECRET };
    expect(() => readEnv(env)).toThrow(/^Web worker misconfigured: /);
    for (const name of ["BETTER_AUTH_URL", "DATABASE_URL", "API_URL", "RESEND_API_KEY", "EMAIL_FROM"]) {
      expect(() => readEnv(env)).toThrow(new RegExp(`${name} `));
    }
  });

  it("gives the API's origin, whatever path API_URL carries", () => {
    expect(
      readEnv({ ...AUTH, APP_ENV: "development", MAIL_CAPTURE_URL: MAILBOX, API_URL: "https://api.example.com/v1/" }).apiUrl,
    ).toBe("https://api.example.com");
  });
});

describe("readEnv: what only development and preview may have", () => {
  const KEYS = { RESEND_API_KEY: KEY, EMAIL_FROM: FROM };
  const deployed = (APP_ENV: string, env: WebBindings) => readEnv({ ...AUTH, ...KEYS, APP_ENV, ...env });
  const local = (APP_ENV: string, env: WebBindings) => readEnv({ ...AUTH, APP_ENV, MAIL_CAPTURE_URL: MAILBOX, ...env });

  it.each<[string, string, WebBindings, RegExp]>([
    [
      "an http: BETTER_AUTH_URL",
      "production",
      { BETTER_AUTH_URL: "http://tasks.example.com" },
      /BETTER_AUTH_URL must be an https:\/\/ origin in production/,
    ],
    [
      "an http: localhost BETTER_AUTH_URL",
      "staging",
      { BETTER_AUTH_URL: "http://localhost:3000" },
      /BETTER_AUTH_URL must be an https:\/\/ origin in staging/,
    ],
    [
      "a local Neon endpoint",
      "production",
      { NEON_LOCAL_ENDPOINT: "http://127.0.0.1:4444" },
      /NEON_LOCAL_ENDPOINT must be empty in production/,
    ],
    [
      "a local Neon endpoint",
      "staging",
      { NEON_LOCAL_ENDPOINT: "https://neon-stand-in.example.com" },
      /NEON_LOCAL_ENDPOINT must be empty in staging/,
    ],
    [
      "an http: trusted origin",
      "production",
      { TRUSTED_ORIGINS: "https://a.example.com,http://b.example.com" },
      /TRUSTED_ORIGINS must be https:\/\/ origins in production .*"http:\/\/b.example.com"/,
    ],
    ["a wildcard", "production", { TRUSTED_ORIGINS: "*" }, /TRUSTED_ORIGINS must list exact origins, without wildcards: "\*"/],
    ["a subdomain wildcard", "staging", { TRUSTED_ORIGINS: "https://*.example.com" }, /without wildcards/],
    ["a path", "production", { TRUSTED_ORIGINS: "https://app.example.com/login" }, /TRUSTED_ORIGINS entries must be origins/],
    ["a bare host", "production", { TRUSTED_ORIGINS: "app.example.com" }, /TRUSTED_ORIGINS entries must be origins/],
    ["a custom scheme", "production", { TRUSTED_ORIGINS: "myapp://" }, /TRUSTED_ORIGINS entries must be origins/],
    [
      "an unknown APP_ENV with http:",
      "prod",
      { BETTER_AUTH_URL: "http://tasks.example.com" },
      /BETTER_AUTH_URL must be an https:\/\/ origin/,
    ],
  ])("refuses %s in %s, naming the variable", (_, APP_ENV, env, message) => {
    expect(() => deployed(APP_ENV, env)).toThrow(message);
  });

  it.each([
    ["a wildcard", "*"],
    ["a subdomain wildcard", "http://*.localhost:3000"],
    ["a path", "http://localhost:3001/x"],
    ["something else", "localhost:3001"],
  ])("refuses %s in TRUSTED_ORIGINS in development and preview too", (_, TRUSTED_ORIGINS) => {
    for (const APP_ENV of ["development", "preview"])
      expect(() => local(APP_ENV, { TRUSTED_ORIGINS })).toThrow(/TRUSTED_ORIGINS/);
  });

  it.each(["development", "preview"])("allows http: origins and the local Neon endpoint in %s", (APP_ENV) => {
    const env = local(APP_ENV, {
      BETTER_AUTH_URL: "http://localhost:3000",
      TRUSTED_ORIGINS: "http://localhost:3001, http://127.0.0.1:3000",
      NEON_LOCAL_ENDPOINT: "http://127.0.0.1:4444",
    });
    expect(env.trustedOrigins).toEqual(["http://localhost:3000", "http://localhost:3001", "http://127.0.0.1:3000"]);
    expect(env.neonLocalEndpoint).toBe("http://127.0.0.1:4444");
  });

  it.each(["staging", "production"])("takes exact https origins in %s", (APP_ENV) => {
    const env = deployed(APP_ENV, { TRUSTED_ORIGINS: "https://a.example.com, https://b.example.com:8443" });
    expect(env.trustedOrigins).toEqual(["https://tasks.example.com", "https://a.example.com", "https://b.example.com:8443"]);
  });

  // As npm run dev (its .dev.vars adds NEON_LOCAL_ENDPOINT), npm run preview, and the deploys read them.
  it.each([
    ["the top level (npm run dev)", undefined, { NEON_LOCAL_ENDPOINT: "http://127.0.0.1:4444" }],
    ["env.preview", "preview", {}],
    ["env.staging", "staging", KEYS],
    ["env.production", "production", KEYS],
  ])("passes web/wrangler.toml's vars of %s", (_, environment, added) => {
    const config = unstable_readConfig(
      { config: resolve(import.meta.dirname, "../wrangler.toml"), env: environment },
      { hideWarnings: true },
    );
    const secrets = { BETTER_AUTH_SECRET: AUTH.BETTER_AUTH_SECRET, DATABASE_URL: AUTH.DATABASE_URL };
    expect(() => readEnv({ ...(config.vars as WebBindings), ...secrets, ...added })).not.toThrow();
  });
});
