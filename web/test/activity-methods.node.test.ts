// How Settings → Activity names a sign-in's method (web/lib/auth/activity/methods.ts): never the raw
// id that account_event stores ("Signed in with two_factor").
import { describe, expect, it } from "vitest";
import { describeMethod } from "../lib/auth/activity/methods.ts";

const providers = new Map([
  ["github", "GitHub"],
  ["google", "Google"],
  ["oidc", "Acme ID"],
]);

describe("describeMethod", () => {
  it.each([
    ["password", "with password"],
    ["passkey", "with a passkey"],
    ["two_factor", "with an authenticator code"],
    ["recovery_code", "with a recovery code"],
    ["github", "with GitHub"],
    ["google", "with Google"],
    ["oidc", "with Acme ID"],
  ])("names %s as %j", (method, label) => {
    expect(describeMethod(method, providers)).toBe(label);
  });

  it("says nothing of an event without a method", () => {
    expect(describeMethod(null, providers)).toBeNull();
  });

  it("keeps the id of a provider this environment no longer offers, the only name left", () => {
    expect(describeMethod("gitlab", providers)).toBe("with gitlab");
  });

  it("reads only its own labels, not an object's inherited properties", () => {
    for (const method of ["constructor", "toString", "__proto__", "hasOwnProperty"])
      expect(describeMethod(method, new Map())).toBe(`with ${method}`);
  });
});
