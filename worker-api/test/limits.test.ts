// The database's own CHECKs agree with drizzle/limits.ts, the module the forms and the API's
// schemas read: a task at each limit is stored, one character more is refused by Postgres itself
// (23514, naming the constraint), whatever the API or the web would have let through.
import { describe, expect, it } from "vitest";
import { tasks } from "../../drizzle/index.ts";
import { TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from "../../drizzle/limits.ts";
import { sqlState } from "../../drizzle/sql-state.ts";
import { createUser, dbFor, testEnv } from "./helpers.ts";

/** The constraint that refused an error's statement, from the driver's error in the chain. */
function constraintOf(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const constraint = (current as { constraint?: unknown }).constraint;
    if (typeof constraint === "string") return constraint;
  }
  return undefined;
}

describe("the database enforces drizzle/limits.ts", () => {
  const api = testEnv();
  const { db } = dbFor(api);
  const insert = async (title: string, description: string | null = null) => {
    const userId = await createUser(api);
    return db
      .insert(tasks)
      .values({ userId, title, description })
      .then(() => "stored" as const)
      .catch((error: unknown) => ({ sqlState: sqlState(error), constraint: constraintOf(error) }));
  };

  it(`stores a title of 1 to ${TASK_TITLE_MAX} characters and refuses any other length`, async () => {
    expect(await insert("t")).toBe("stored");
    expect(await insert("t".repeat(TASK_TITLE_MAX))).toBe("stored");
    for (const title of ["", "t".repeat(TASK_TITLE_MAX + 1)]) {
      expect(await insert(title)).toEqual({ sqlState: "23514", constraint: "tasks_title_length" });
    }
  });

  it(`stores a description of up to ${TASK_DESCRIPTION_MAX} characters and refuses a longer one`, async () => {
    expect(await insert("t", "d".repeat(TASK_DESCRIPTION_MAX))).toBe("stored");
    expect(await insert("t", "d".repeat(TASK_DESCRIPTION_MAX + 1))).toEqual({
      sqlState: "23514",
      constraint: "tasks_description_length",
    });
  });

  it("counts characters, not bytes (as the forms and the API do)", async () => {
    expect(await insert("é".repeat(TASK_TITLE_MAX))).toBe("stored");
  });
});
