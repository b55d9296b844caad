import { describe, expect, it } from "vitest";
import { MAX_VERIFIED_TOKENS, VerifiedTokens } from "../src/lib/verified-tokens.ts";

const caller = (n: number) => ({ userId: `user-${n}`, sessionId: `session-${n}`, keyId: "key" });
const NOW = 1_800_000_000_000;

describe("VerifiedTokens", () => {
  it("serves a token until its exp, never at or after it", () => {
    const tokens = new VerifiedTokens();
    tokens.add("a.b.c", caller(1), NOW + 1000, NOW);
    expect(tokens.get("a.b.c", NOW + 999)?.caller).toEqual(caller(1));
    expect(tokens.get("a.b.c", NOW + 1000)).toBeUndefined();
    // and an expired entry is gone, not merely hidden
    expect(tokens.size).toBe(0);
  });

  it("does not keep a token that has already expired (one accepted within the clock tolerance)", () => {
    const tokens = new VerifiedTokens();
    tokens.add("a.b.c", caller(1), NOW - 30_000, NOW);
    tokens.add("d.e.f", caller(2), NOW, NOW);
    expect(tokens.size).toBe(0);
  });

  it("serves only the exact token text", () => {
    const tokens = new VerifiedTokens();
    tokens.add("head.body.signature", caller(1), NOW + 1000, NOW);
    for (const other of ["head.body.signaturE", "head.body.signatur", "head.bodY.signature", " head.body.signature"]) {
      expect(tokens.get(other, NOW)).toBeUndefined();
    }
  });

  it("holds at most its bound, forgetting the token stored first", () => {
    const tokens = new VerifiedTokens(3);
    for (let n = 0; n < 5; n++) tokens.add(`token-${n}`, caller(n), NOW + 1000, NOW);
    expect(tokens.size).toBe(3);
    expect(tokens.get("token-0", NOW)).toBeUndefined();
    expect(tokens.get("token-1", NOW)).toBeUndefined();
    expect(tokens.get("token-4", NOW)?.caller.userId).toBe("user-4");
  });

  it(`holds at most ${MAX_VERIFIED_TOKENS} tokens by default`, () => {
    const tokens = new VerifiedTokens();
    for (let n = 0; n < MAX_VERIFIED_TOKENS + 50; n++) tokens.add(`token-${n}`, caller(n), NOW + 1000, NOW);
    expect(tokens.size).toBe(MAX_VERIFIED_TOKENS);
  });

  it("hands out a frozen copy of the caller, which one request cannot change for the next", () => {
    const tokens = new VerifiedTokens();
    const original = caller(1);
    tokens.add("a.b.c", original, NOW + 1000, NOW);
    original.userId = "someone-else";
    const served = tokens.get("a.b.c", NOW);
    expect(served?.caller.userId).toBe("user-1");
    expect(Object.isFrozen(served?.caller)).toBe(true);
  });
});
