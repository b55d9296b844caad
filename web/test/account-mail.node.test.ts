// The account-mail wiring's own decisions (web/lib/auth/account-mail.ts), in Node: when e-mail
// verification is required, and where every verification link returns.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emailVerificationRequired, verificationLink } from "../lib/auth/account-mail.ts";

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

describe("verificationLink", () => {
  const link = "http://localhost:3000/api/auth/verify-email?token=abc.def.ghi&callbackURL=%2Fdashboard";

  it("returns every link to /verify-email, keeping the token", () => {
    const url = new URL(verificationLink(link));
    expect(url.origin + url.pathname).toBe("http://localhost:3000/api/auth/verify-email");
    expect(url.searchParams.get("token")).toBe("abc.def.ghi");
    expect(url.searchParams.get("callbackURL")).toBe("/verify-email");
    expect(new URL(verificationLink(link, "change-email")).searchParams.get("callbackURL")).toBe(
      "/verify-email?flow=change-email",
    );
  });

  it("replaces whatever callback the request asked for, another site's included", () => {
    fc.assert(
      fc.property(fc.string(), (callback) => {
        const asked = `http://localhost:3000/api/auth/verify-email?token=t&callbackURL=${encodeURIComponent(callback)}`;
        const url = new URL(verificationLink(asked));
        expect(url.searchParams.getAll("callbackURL")).toEqual(["/verify-email"]);
        expect(url.origin).toBe("http://localhost:3000");
      }),
    );
  });
});
