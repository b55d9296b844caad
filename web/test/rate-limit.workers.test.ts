// Better Auth's sign-in and sign-up limits (5 a minute per client address, stored in Postgres):
// the sixth attempt from one address is refused with 429, while another address is unaffected.

import { env } from "cloudflare:workers";
import { neon } from "@neondatabase/serverless";
import { describe, expect, it } from "vitest";
import { httpDatabase } from "../../drizzle/http-database.ts";
import { deleteStaleRows } from "../lib/auth/rate-limit-storage.ts";
import { authRequest, newClientAddress, ORIGIN, PASSWORD, signUp, sql } from "./workers-helpers.ts";

function attempt(path: string, address: string, body: Record<string, unknown>) {
  return authRequest(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": address },
    body: JSON.stringify(body),
  });
}

describe("rate limits", () => {
  it("answers the sixth sign-in from one address within a minute with 429", async () => {
    const { email } = await signUp();
    const address = newClientAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await attempt("/sign-in/email", address, { email, password: "wrong password!" })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Someone else, elsewhere, signs in normally.
    expect((await attempt("/sign-in/email", newClientAddress(), { email, password: PASSWORD })).status).toBe(200);
  });

  // Behind Cloudflare only cf-connecting-ip is the client's address (Cloudflare sets it, replacing
  // whatever the client sent); X-Forwarded-For and its kin are the client's to write.
  it.each(["X-Forwarded-For", "X-Real-IP", "True-Client-IP", "X-Client-IP", "Forwarded"])(
    "keys the sign-in limit on cf-connecting-ip alone: a new %s each time does not reset it",
    async (header) => {
      const { email } = await signUp();
      const address = newClientAddress();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const spoofed = newClientAddress();
        const response = await authRequest("/sign-in/email", {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            Origin: ORIGIN,
            "cf-connecting-ip": address,
            [header]: header === "Forwarded" ? `for=${spoofed}` : spoofed,
          },
          body: JSON.stringify({ email, password: "wrong password!" }),
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    },
  );

  it("answers the sixth sign-up from one address within a minute with 429", async () => {
    const address = newClientAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const body = { name: "Many Accounts", email: `${crypto.randomUUID()}@example.test`, password: PASSWORD };
      statuses.push((await attempt("/sign-up/email", address, body)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("lets exactly 5 of 20 concurrent sign-in attempts from one address through", async () => {
    const { email } = await signUp();
    const address = newClientAddress();
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => (await attempt("/sign-in/email", address, { email, password: PASSWORD })).status),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
  });

  it("says when to retry, and starts a new window once the last one has run out", async () => {
    const { email } = await signUp();
    const address = newClientAddress();
    for (let i = 0; i < 5; i++) await attempt("/sign-in/email", address, { email, password: "wrong password!" });
    const refused = await attempt("/sign-in/email", address, { email, password: PASSWORD });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("X-Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // A minute later (the window's start moved back), the same person may try again.
    await sql("update rate_limit set last_request = last_request - 60000 where key like $1", [`${address}|%`]);
    expect((await attempt("/sign-in/email", address, { email, password: PASSWORD })).status).toBe(200);
    expect((await attempt("/sign-in/email", address, { email, password: "wrong password!" })).status).toBe(401);
  });

  it("keeps no rate-limit rows for get-session, token and jwks (each row costs a round trip)", async () => {
    const { cookie } = await signUp();
    const address = newClientAddress();
    for (const path of ["/get-session", "/token", "/jwks"]) {
      const response = await authRequest(path, { headers: { Cookie: cookie, "cf-connecting-ip": address } });
      expect(response.status, path).toBe(200);
    }
    const rows = await sql("select key from rate_limit where key like $1", [`${address}|%`]);
    expect(rows).toEqual([]);
  });

  it("prunes old rows through an index on last_request, not a scan of the whole table", async () => {
    await authRequest("/ok"); // points the driver at the local endpoint
    const { sql: statement, params } = deleteStaleRows(httpDatabase(env.DATABASE_URL), Date.now()).toSQL();
    // With sequential scans priced out (for this transaction only), only an index gives another plan.
    const database = neon(env.DATABASE_URL);
    const [, plan] = await database.transaction([
      database`set local enable_seqscan = off`,
      database.query(`explain ${statement}`, params),
    ]);
    const text = (plan as Record<string, string>[]).map((row) => Object.values(row).join("")).join("\n");
    expect(text).toContain("rate_limit_last_request_idx");
  });
});
