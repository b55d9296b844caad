// The error log keeps what an operator needs (request id, SQLSTATE, constraint) and none of what a
// user typed: Drizzle's error message repeats the query's parameters, Postgres's quotes values.
import { DrizzleQueryError } from "drizzle-orm/errors";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { afterEach, describe, expect, it, vi } from "vitest";
import { handleError } from "../src/errors.ts";
import type { AppEnv } from "../src/types.ts";

const SECRET_TEXT = "my bank PIN is 4921";

function databaseError(message: string, fields: Record<string, string> = {}) {
  const cause = Object.assign(new Error(message), { name: "NeonDbError", ...fields });
  return new DrizzleQueryError("insert into tasks (title) values ($1)", [SECRET_TEXT], cause);
}

async function logged(error: Error): Promise<{ status: number; lines: string[] }> {
  const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const app = new Hono<AppEnv>()
    .use(requestId({ generator: () => "req-123" }))
    .get("/boom", () => {
      throw error;
    })
    .onError(handleError);
  const response = await app.request("/boom");
  return { status: response.status, lines: spy.mock.calls.map((call) => String(call[0])) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("error log", () => {
  it("keeps the SQLSTATE, constraint and request id of a database error, not its values", async () => {
    const fields = { code: "23514", constraint: "tasks_title_length", table: "tasks" };
    const { status, lines } = await logged(databaseError(`new row violates check constraint: "${SECRET_TEXT}"`, fields));
    expect(status).toBe(500);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({ requestId: "req-123", sqlState: "23514", constraint: "tasks_title_length", table: "tasks" });
    expect(lines[0]).not.toContain(SECRET_TEXT);
  });

  it("says how a connection failed, still without the query's parameters", async () => {
    const { status, lines } = await logged(databaseError("Error connecting to database: fetch failed"));
    expect(status).toBe(503);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      requestId: "req-123",
      error: "Error connecting to database: fetch failed",
    });
    expect(lines[0]).not.toContain(SECRET_TEXT);
  });
});
