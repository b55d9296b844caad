/** The app's own tables. Limits are enforced here too, so no client can bypass the API's validation. */
import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth-schema.ts";
import { TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from "./limits.ts";

export const tasks = pgTable(
  "tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    completed: boolean("completed").default(false).notNull(),
    // Millisecond precision, like a JS Date: the list's (created_at, id) cursor round-trips exactly.
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).defaultNow().notNull(),
  },
  (table) => [
    index("tasks_user_id_created_at_idx").on(table.userId, table.createdAt),
    check("tasks_title_length", sql`char_length(${table.title}) between 1 and ${sql.raw(String(TASK_TITLE_MAX))}`),
    check(
      "tasks_description_length",
      sql`${table.description} is null or char_length(${table.description}) <= ${sql.raw(String(TASK_DESCRIPTION_MAX))}`,
    ),
  ],
);

export type Task = typeof tasks.$inferSelect;
