// Emergency key withdrawal (`npm run keys:rotate -- --withdraw <kid>`), end to end with Better
// Auth's own keys: the withdrawn key's tokens are refused by the API from the next request on,
// while the person's next token comes from a key rotated in by the withdrawal, and works at once.
// Runs with the other web-workers files one at a time (shared key table); it leaves a live key.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { withdrawSigningKey } from "../../scripts/lib/withdraw-signing-key.ts";
import { createAuth } from "../lib/auth/create-auth.ts";
import { apiEnvWithAuthBinding, apiFetch, authEnv, issueToken, rotateKeys, signUp, sql } from "./workers-helpers.ts";

const kidOf = (token: string) => decodeProtectedHeader(token).kid as string;

/** What the script does, with the web worker's bindings. */
async function withdraw(kid: string) {
  const ctx = createExecutionContext();
  try {
    return await withdrawSigningKey(createAuth(authEnv, ctx), kid);
  } finally {
    await waitOnExecutionContext(ctx);
  }
}

describe("withdrawing a signing key", () => {
  it("refuses the key's tokens from the next request on; a new token works at once", async () => {
    const { userId, cookie } = await signUp();
    const { apiEnv } = apiEnvWithAuthBinding();
    const api = apiFetch(apiEnv);
    const list = (token: string) =>
      api(`https://api.test/api/${userId}/tasks`, { headers: { Authorization: `Bearer ${token}` } });
    const before = await issueToken(cookie);
    expect((await list(before)).status).toBe(200);

    const { withdrawn, created } = await withdraw(kidOf(before));
    const withdrawnAt = Date.now();
    expect(withdrawn).toBe(kidOf(before));
    const refused = await list(before);
    expect(Date.now() - withdrawnAt).toBeLessThan(1000);
    expect(refused.status).toBe(401);
    expect(await sql("select id from jwks where id = $1", [withdrawn])).toEqual([]);

    // It was the signing key: a new one signs now, and the API takes it without waiting.
    const after = await issueToken(cookie);
    expect(kidOf(after)).toBe(created);
    expect((await list(after)).status).toBe(200);
    expect((await list(before)).status).toBe(401);
  });

  it("withdraws a retired key without rotating again", async () => {
    const { cookie } = await signUp();
    const old = await issueToken(cookie);
    const { created } = await rotateKeys();
    expect(await withdraw(kidOf(old))).toEqual({ withdrawn: kidOf(old) });
    expect(kidOf(await issueToken(cookie))).toBe(created);
  });

  it("refuses to withdraw a key the store does not have, and removes nothing", async () => {
    const [{ count: keys }] = (await sql("select count(*)::int as count from jwks")) as [{ count: number }];
    await expect(withdraw("no-such-key")).rejects.toThrow(/no signing key no-such-key/);
    expect(await sql("select count(*)::int as count from jwks")).toEqual([{ count: keys }]);
  });
});
