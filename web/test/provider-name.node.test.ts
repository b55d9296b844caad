// Whatever name a provider sends, the stored one fits the `user` CHECKs: 1 to 100 characters, no
// control characters, no surrounding space (the same rules as drizzle/migrations/0002_user_limits.sql).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NAME_MAX } from "../../drizzle/limits.ts";
import { providerName } from "../lib/auth/plugins/oauth-sign-ups/provider-name.ts";

const fitsTheChecks = (name: string) =>
  [...name].length >= 1 && [...name].length <= NAME_MAX && !/[\p{Cc}\p{Cs}]/u.test(name) && name === name.trim();

describe("providerName", () => {
  it("fits any name, or none, into the user CHECKs", () => {
    const names = fc.oneof(fc.string({ unit: "binary", maxLength: 400 }), fc.constant(null), fc.integer());
    const emails = fc.oneof(fc.emailAddress(), fc.constant("\n@x"));
    fc.assert(fc.property(names, emails, (name, email) => fitsTheChecks(providerName(name, email))));
  });

  it("keeps a plain name, falls back to the address's local part, then to Unnamed", () => {
    expect(providerName("  Ada\tLovelace\n", "a@x.test")).toBe("Ada Lovelace");
    expect(providerName(null, "octo.cat@x.test")).toBe("octo.cat");
    expect(providerName("\u0000", "\n@x.test")).toBe("Unnamed");
  });
});
