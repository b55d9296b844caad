// The account-mail wiring's own decision (web/lib/auth/account-mail.ts), in Node: where every
// verification link returns. When verification is required is the environment's (env.node.test.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verificationLink } from "../lib/auth/account-mail.ts";

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
