// Deleting an account, inside workerd: only with the password; afterwards nothing of the person is
// left in any table, the browser's cookie is cleared, a goodbye mail goes out, and the API refuses
// their outstanding tokens. A write racing the deletion leaves no orphan row.
import { describe, expect, it } from "vitest";
import { lastMail } from "./mailbox-helpers.ts";
import {
  apiEnvWithAuthBinding,
  apiFetch,
  authPost,
  issueToken,
  newClientAddress,
  PASSWORD,
  signIn,
  signUp,
  sql,
} from "./workers-helpers.ts";

const api = apiFetch(apiEnvWithAuthBinding().apiEnv);

const createTask = (userId: string, token: string, title: string) =>
  api(`https://api.test/api/${userId}/tasks`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ title }),
  });

/** Every row in the public schema that names the person: by user id in any column, or by e-mail. */
async function rowsOf(userId: string, email: string): Promise<string[]> {
  const tables = await sql(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await sql(`select t::text as row from "${String(table)}" t where t::text like $1 or t::text like $2`, [
      `%${userId}%`,
      `%${email}%`,
    ]);
    for (const { row } of rows) found.push(`${String(table)}: ${String(row)}`);
  }
  return found;
}

describe("delete account", () => {
  it("refuses without the password, or with a wrong one, and deletes nothing", async () => {
    const { userId, email, cookie } = await signUp();
    for (const body of [{}, { password: "" }, { password: null }, { callbackURL: "/" }]) {
      const response = await authPost("/delete-user", cookie, body, newClientAddress());
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ code: "PASSWORD_REQUIRED" });
    }
    const wrong = await authPost("/delete-user", cookie, { password: "not the password" }, newClientAddress());
    expect([wrong.status, await wrong.json()]).toEqual([400, expect.objectContaining({ code: "INVALID_PASSWORD" })]);
    expect((await rowsOf(userId, email)).length).toBeGreaterThan(0);
    expect(await sql(`select id from "user" where id = $1`, [userId])).toHaveLength(1);
    expect((await authPost("/delete-user", "", { password: PASSWORD })).status).toBe(401);
  });

  it("removes the user, their sessions, accounts and tasks from every table, signs out, mails goodbye; the API refuses old tokens", async () => {
    const { userId, email, cookie } = await signUp("Ada Lovelace");
    const otherDevice = await signIn(email);
    const tokens = [await issueToken(cookie), await issueToken(otherDevice)];
    for (const title of ["one", "two", "three"]) expect((await createTask(userId, tokens[0] as string, title)).status).toBe(201);
    // Leftovers of other flows: a pending reset link.
    await authPost("/request-password-reset", "", { email }, newClientAddress());
    expect((await rowsOf(userId, email)).some((row) => row.startsWith("verification"))).toBe(true);

    const response = await authPost("/delete-user", cookie, { password: PASSWORD });
    expect([response.status, await response.json()]).toEqual([200, { success: true, message: "User deleted" }]);
    expect(response.headers.getSetCookie().join("\n")).toMatch(/session_token=;/);

    const left = await rowsOf(userId, email);
    expect(left).toEqual([]);
    const goodbye = await lastMail(email, /account was deleted$/);
    // An unverified address (verification is off here): greeted without the name anyone could choose.
    expect(goodbye.text).toContain("Hello,");
    expect(goodbye.text).not.toContain("Ada Lovelace");
    for (const token of tokens) {
      const list = await api(`https://api.test/api/${userId}/tasks`, { headers: { Authorization: `Bearer ${token}` } });
      expect(list.status).toBe(401);
      expect(await list.json()).toMatchObject({ code: "session_revoked" });
    }
    expect((await authPost("/sign-in/email", "", { email, password: PASSWORD }, newClientAddress())).status).toBe(401);
  });

  it("leaves no orphan task when writes race the deletion, and answers every racing write below 500", async () => {
    const { userId, email, cookie } = await signUp();
    const token = await issueToken(cookie);
    const writes = Array.from({ length: 20 }, (_, i) => createTask(userId, token, `racing ${i}`));
    const deletion = authPost("/delete-user", cookie, { password: PASSWORD });
    const more = Array.from({ length: 20 }, (_, i) => createTask(userId, token, `racing late ${i}`));
    const statuses = (await Promise.all([...writes, ...more])).map((response) => response.status);
    expect((await deletion).status).toBe(200);
    expect(
      statuses.every((status) => status === 201 || status === 401),
      statuses.join(","),
    ).toBe(true);
    expect(await sql("select id from tasks where user_id = $1", [userId])).toEqual([]);
    expect(await sql(`select t.id from tasks t left join "user" u on u.id = t.user_id where u.id is null`)).toEqual([]);
    expect(await rowsOf(userId, email)).toEqual([]);
  });
});
