// The API worker's connection is the `tasks_api` role's: enough for the task routes and the
// session and key checks, nothing else. Enforced by PostgreSQL (CI runs this on PostgreSQL 15);
// PGlite shares one session among connections and cannot enforce roles, so there it is skipped.
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sqlState } from "../../drizzle/sql-state.ts";
import { getConfig } from "../src/config.ts";
import { openDatabase } from "../src/db.ts";
import { call, createUser, signToken, testEnv } from "./helpers.ts";

describe.skipIf(!env.TEST_ROLES_ENFORCED)("least privilege (PostgreSQL)", () => {
  const api = testEnv();
  const { db } = openDatabase(getConfig(api));

  it.each([
    ["account", 'select password from "account" limit 1'],
    ["OAuth provider tokens", 'select access_token, refresh_token, id_token from "account" limit 1'],
    ["verification", 'select value from "verification" limit 1'],
    ["rate_limit", 'select key from "rate_limit" limit 1'],
    ["user", 'select email from "user" limit 1'],
    ["session tokens", 'select token from "session" limit 1'],
    ["jwks private keys", 'select private_key from "jwks" limit 1'],
  ])("cannot read %s", async (_, query) => {
    const error = await db.execute(sql.raw(query)).catch((e: unknown) => e);
    expect(sqlState(error)).toBe("42501"); // insufficient_privilege
  });

  it("cannot change sessions or users", async () => {
    for (const query of ['delete from "session"', `update "user" set name = 'x'`]) {
      expect(sqlState(await db.execute(sql.raw(query)).catch((e: unknown) => e)), query).toBe("42501");
    }
  });

  it("still serves every task route", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    const created = await call(api, `/api/${userId}/tasks`, { token, method: "POST", body: JSON.stringify({ title: "least" }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const label = await call(api, `/api/${userId}/labels`, { token, method: "POST", body: JSON.stringify({ name: "least" }) });
    expect(label.status).toBe(201);
    const { id: labelId } = (await label.json()) as { id: string };
    for (const [method, path, body] of [
      ["GET", "/tasks"],
      ["GET", `/tasks?label=${labelId}&q=least&due=today&sort=position`],
      ["GET", "/tasks/summary"],
      ["GET", `/tasks/${id}`],
      ["PUT", `/tasks/${id}`, { due: { date: "2026-01-01" }, priority: "low", completed: true }],
      ["PATCH", `/tasks/${id}/complete`],
      ["PUT", `/tasks/${id}/labels/${labelId}`],
      ["DELETE", `/tasks/${id}/labels/${labelId}`],
      ["POST", "/tasks/bulk", { action: "add_label", ids: [id], label_id: labelId }],
      ["POST", "/tasks/bulk", { action: "remove_label", ids: [id], label_id: labelId }],
      ["POST", "/tasks/bulk", { action: "reopen", ids: [id] }],
      ["GET", "/labels"],
      ["PATCH", `/labels/${labelId}`, { color: "blue" }],
      ["DELETE", `/labels/${labelId}`],
      ["DELETE", `/tasks/${id}`],
      ["POST", "/tasks/restore", { ids: [id] }],
    ] as const) {
      const init = { token, method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
      expect((await call(api, `/api/${userId}${path}`, init)).status, `${method} ${path}`).toBeLessThan(300);
    }
  });
});
