/** The app's own tables. Limits are enforced here too, so no client can bypass the API's validation. */
import { sql } from "drizzle-orm";
import { boolean, check, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth-schema.ts";
import { IDEMPOTENCY_KEY_MAX, TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from "./limits.ts";

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

/**
 * The first answer to each `Idempotency-Key` a person sent with a write (worker-api/src/data/
 * idempotent-create.ts): a retry of the same request within IDEMPOTENCY_WINDOW_HOURS gets
 * `response` back and writes nothing. Keys are per person, so one person's key never answers
 * another's request. Rows past the window serve nothing more and may be deleted by age
 * (`created_at`, indexed for that).
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** SHA-256 of the route and the validated body: the same key with another request is refused. */
    requestHash: text("request_hash").notNull(),
    /** The first answer's resource as stored (a task row), replayed as it was then. */
    response: jsonb("response").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).defaultNow().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.key] }),
    index("idempotency_keys_created_at_idx").on(table.createdAt),
    check("idempotency_keys_key_length", sql`char_length(${table.key}) between 1 and ${sql.raw(String(IDEMPOTENCY_KEY_MAX))}`),
  ],
);

/**
 * The account's security events, one row each, append-only (web/lib/auth/activity): sign-ins and
 * failed ones, sign-outs, password and e-mail changes, providers connected and disconnected,
 * devices signed out, two-factor and passkey changes. Shown to their owner on Settings → Activity
 * for 90 days, then deleted by the scheduled clean-up (by `created_at`, indexed for that).
 */
export const accountEvent = pgTable(
  "account_event",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** One of ACCOUNT_EVENT_KINDS (web/lib/auth/activity/kinds.ts). */
    kind: text("kind").notNull(),
    /** How: `password`, or the provider's id, for a sign-in; the provider for a connection. */
    method: text("method"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    // Millisecond precision, like a JS Date: the page's (created_at, id) cursor round-trips exactly.
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).defaultNow().notNull(),
  },
  (table) => [
    index("account_event_user_id_created_at_idx").on(table.userId, table.createdAt, table.id),
    index("account_event_created_at_idx").on(table.createdAt),
    check("account_event_kind_length", sql`char_length(${table.kind}) between 1 and 64`),
    check("account_event_user_agent_length", sql`${table.userAgent} is null or char_length(${table.userAgent}) <= 512`),
  ],
);

export type AccountEvent = typeof accountEvent.$inferSelect;
