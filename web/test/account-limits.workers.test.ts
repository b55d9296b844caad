// Account fields, checked by the server: Better Auth's endpoints called directly (as anyone can)
// with names and e-mails outside the limits get 400 and write nothing; whatever a person types,
// their JWT stays small, since it carries no profile data.
import { describe, expect, it } from "vitest";
import { authPost, authRequest, issueToken, newClientAddress, ORIGIN, PASSWORD, signUp, sql } from "./workers-helpers.ts";

function signUpWith(body: Record<string, unknown>) {
  return authRequest("/sign-up/email", {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress() },
    body: JSON.stringify({ password: PASSWORD, ...body }),
  });
}

const usersWithEmail = (email: string) => sql(`select id from "user" where email = $1`, [email]);

const email = () => `${crypto.randomUUID()}@example.test`;

describe("account field limits", () => {
  const badNames: [string, unknown][] = [
    ["101 characters", "n".repeat(101)],
    ["10,000 characters", "n".repeat(10_000)],
    ["empty", ""],
    ["only spaces", "   "],
    ["not a string", 42],
  ];

  it.each(badNames)("sign-up refuses a name of %s with 400 and creates no user", async (_, name) => {
    const address = email();
    const response = await signUpWith({ name, email: address });
    expect(response.status).toBe(400);
    expect(await usersWithEmail(address)).toEqual([]);
  });

  it("sign-up refuses an e-mail over 254 characters", async () => {
    const address = `${"a".repeat(64)}@${"b".repeat(190)}.test`;
    expect(address.length).toBeGreaterThan(254);
    const response = await signUpWith({ name: "Long Mail", email: address });
    expect(response.status).toBe(400);
    expect(await usersWithEmail(address)).toEqual([]);
  });

  it("accepts a name of exactly 100 characters, and the token stays small", async () => {
    const { cookie } = await signUp("n".repeat(100));
    expect((await issueToken(cookie)).length).toBeLessThan(1024);
  });

  it.each(badNames)("update-user refuses a name of %s and keeps the old one", async (_, name) => {
    const { cookie, userId } = await signUp("Kept Name");
    const response = await authPost("/update-user", cookie, { name });
    expect(response.status).toBe(400);
    expect(await sql(`select name from "user" where id = $1`, [userId])).toEqual([{ name: "Kept Name" }]);
  });
});
