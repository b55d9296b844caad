// The database's own CHECKs agree with drizzle/limits.ts, the module the forms and the API's
// schemas read: a task at each limit is stored, one character more is refused by Postgres itself
// (23514, naming the constraint), whatever the API or the web would have let through.
import { describe, expect, it } from "vitest";
import { labels, tasks } from "../../drizzle/index.ts";
import {
  LABEL_COLORS,
  LABEL_NAME_MAX,
  TASK_DESCRIPTION_MAX,
  TASK_POSITION_MAX,
  TASK_PRIORITIES,
  TASK_TITLE_MAX,
} from "../../drizzle/limits.ts";
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

describe("the database enforces the task model's and labels' limits", () => {
  const api = testEnv();
  const { db } = dbFor(api);
  const outcome = (write: PromiseLike<unknown>) =>
    Promise.resolve(write).then(
      () => "stored" as const,
      (error: unknown) => ({ sqlState: sqlState(error), constraint: constraintOf(error) }),
    );
  const task = async (values: Partial<typeof tasks.$inferInsert>) =>
    outcome(db.insert(tasks).values({ userId: await createUser(api), title: "t", ...values }));
  const refused = (constraint: string) => ({ sqlState: "23514", constraint });

  it(`stores priorities 0 to ${TASK_PRIORITIES.length - 1} only`, async () => {
    for (const priority of [0, TASK_PRIORITIES.length - 1]) expect(await task({ priority })).toBe("stored");
    for (const priority of [-1, TASK_PRIORITIES.length])
      expect(await task({ priority })).toEqual(refused("tasks_priority_range"));
  });

  it("stores an all-day due date only with a date, at its midnight UTC", async () => {
    expect(await task({ dueAt: new Date("2026-05-01T00:00:00Z"), dueAllDay: true })).toBe("stored");
    expect(await task({ dueAt: new Date("2026-05-01T10:30:00Z"), dueAllDay: false })).toBe("stored");
    expect(await task({ dueAllDay: true })).toEqual(refused("tasks_all_day_has_date"));
    expect(await task({ dueAt: new Date("2026-05-01T00:00:00.001Z"), dueAllDay: true })).toEqual(
      refused("tasks_all_day_at_midnight"),
    );
  });

  it(`stores position keys of letters and digits, up to ${TASK_POSITION_MAX} characters, starting with a letter`, async () => {
    for (const position of ["a0", "Zz", `a${"0".repeat(TASK_POSITION_MAX - 1)}`])
      expect(await task({ position }), position).toBe("stored");
    for (const position of ["", "0a", "a-1", "a 1", "é0", `a${"0".repeat(TASK_POSITION_MAX)}`]) {
      expect(await task({ position }), position).toEqual(refused("tasks_position_key"));
    }
  });

  it(`stores label names of 1 to ${LABEL_NAME_MAX} characters in the palette's colours, unique per person whatever the case`, async () => {
    const userId = await createUser(api);
    const label = (name: string, color = "gray") => outcome(db.insert(labels).values({ userId, name, color }));
    expect(await label("x".repeat(LABEL_NAME_MAX))).toBe("stored");
    for (const name of ["", "y".repeat(LABEL_NAME_MAX + 1)]) expect(await label(name)).toEqual(refused("labels_name_length"));
    for (const color of LABEL_COLORS) expect(await label(`in ${color}`, color)).toBe("stored");
    expect(await label("off palette", "#ff0000")).toEqual(refused("labels_color_palette"));
    expect(await label("Work")).toBe("stored");
    expect(await label("WORK")).toEqual({ sqlState: "23505", constraint: "labels_user_id_lower_name_idx" });
  });
});
