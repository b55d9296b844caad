// Which transport the web worker sends with, and when it refuses to start: deployed without
// Resend's key or sender, or locally with a mailbox off this machine. Messages name the variable.
import { describe, expect, it } from "vitest";
import { type EmailBindings, LOCAL_EMAIL_FROM, readEmailEnv } from "../lib/email/email-env.ts";

const KEY = "re_123456789_abcdefghijklmnopqrstuvwxyz";
const FROM = "Edge Tasks <no-reply@tasks.example.com>";

describe("readEmailEnv", () => {
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

  it.each<[string, EmailBindings, RegExp[]]>([
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
    const env = { APP_ENV: "development", MAIL_CAPTURE_URL: "http://127.0.0.1:8025" };
    expect(readEmailEnv(env)).toBe(readEmailEnv(env));
  });
});
