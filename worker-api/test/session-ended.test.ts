// The database errors that mean "the session ended while the statement ran" (23502 on an owner
// column, 23503 on its reference to `user`) become 401 `session_revoked`; the same codes on any
// other column or constraint stay faults (500). A write racing an account deletion cannot be
// staged on PGlite (one shared session), so the driver's error is fed to the data layer here.
import { env } from "cloudflare:workers";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getConfig } from "../src/config.ts";
import { withLiveSession } from "../src/data/live-session.ts";
import { openDatabase } from "../src/db.ts";
import { handleError } from "../src/errors.ts";
import type { AppEnv } from "../src/types.ts";

/** A failed statement as Drizzle reports it: the driver's error, with Postgres's fields, as cause. */
function databaseError(fields: Record<string, string>) {
  const cause = Object.assign(new Error("violates a constraint"), { name: "NeonDbError", ...fields });
  return new DrizzleQueryError("insert into tasks …", [], cause);
}

/** The answer of a route whose one statement fails with `error`. */
async function answerTo(error: Error) {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  const { db } = openDatabase(getConfig(env));
  const caller = { userId: "user-1", sessionId: "session-1", keyId: "key-primary" };
  const app = new Hono<AppEnv>()
    .get("/", async (c) => c.json(await withLiveSession(db, caller, () => Promise.reject(error))))
    .onError(handleError);
  const response = await app.request("/");
  return { status: response.status, body: (await response.json()) as { code: string } };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("database errors that end a session", () => {
  it.each([
    [
      "23503, the owner's reference to a user deleted meanwhile",
      { code: "23503", table: "tasks", constraint: "tasks_user_id_user_id_fk" },
    ],
    ["23502, the owner id a session no longer supplies", { code: "23502", table: "tasks", column: "user_id" }],
  ])("answers %s with 401 session_revoked", async (_, fields) => {
    const { status, body } = await answerTo(databaseError(fields));
    expect(status).toBe(401);
    expect(body.code).toBe("session_revoked");
  });

  it.each([
    ["23503 on another reference", { code: "23503", table: "labels", constraint: "labels_task_id_tasks_id_fk" }],
    ["23502 on another column", { code: "23502", table: "tasks", column: "title" }],
    ["23502 on another table's user_id", { code: "23502", table: "audit", column: "user_id" }],
  ])("keeps %s a fault (500)", async (_, fields) => {
    const { status, body } = await answerTo(databaseError(fields));
    expect(status).toBe(500);
    expect(body.code).toBe("internal_error");
  });
});
