/** The app's own tables. Limits are enforced here too, so no client can bypass the API's validation. */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  customType,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { user } from "./auth-schema.ts";
import {
  IDEMPOTENCY_KEY_MAX,
  LABEL_COLORS,
  LABEL_NAME_MAX,
  TASK_DESCRIPTION_MAX,
  TASK_POSITION_MAX,
  TASK_PRIORITIES,
  TASK_TITLE_MAX,
} from "./limits.ts";

/**
 * Text compared byte by byte (`COLLATE "C"`): fractional index keys are ordered as JavaScript orders
 * strings, which a linguistic collation (the database's default, say en_US) does not do.
 */
const bytewiseText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

/**
 * The searchable text of a task. The 'simple' configuration (no stemming, no stop words) treats
 * every language alike, and it is the same on PGlite and Neon. The list's search must use exactly
 * this expression, or the planner cannot use `tasks_search_idx`.
 */
export const taskSearchDocument = (table: { title: AnyPgColumn; description: AnyPgColumn }) =>
  sql`to_tsvector('simple', ${table.title} || ' ' || coalesce(${table.description}, ''))`;

const inList = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(", "));

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
    /**
     * When it is due: an instant, or with `due_all_day` a calendar date, stored as that date's
     * midnight UTC (docs/decisions/due-dates-and-list-cursors.md).
     */
    dueAt: timestamp("due_at", { withTimezone: true, precision: 3 }),
    dueAllDay: boolean("due_all_day").default(false).notNull(),
    /** The index of TASK_PRIORITIES: 0 none … 4 urgent. */
    priority: smallint("priority").default(0).notNull(),
    /** Set when `completed` becomes true and cleared when it becomes false, by the same statement. */
    completedAt: timestamp("completed_at", { withTimezone: true, precision: 3 }),
    /** The manual order: a fractional index key; null for tasks written before it existed. */
    position: bytewiseText("position"),
  },
  (table) => [
    index("tasks_user_id_created_at_idx").on(table.userId, table.createdAt),
    // The list's other sort orders, each a keyset on (key, id) within one person's tasks.
    index("tasks_user_id_due_at_id_idx").on(table.userId, table.dueAt, table.id),
    index("tasks_user_id_priority_id_idx").on(table.userId, table.priority, table.id),
    index("tasks_user_id_position_id_idx").on(table.userId, table.position, table.id),
    // Full-text search over title and description; the list's `q` filter uses the same expression.
    index("tasks_search_idx").using("gin", taskSearchDocument(table)),
    check("tasks_title_length", sql`char_length(${table.title}) between 1 and ${sql.raw(String(TASK_TITLE_MAX))}`),
    check(
      "tasks_description_length",
      sql`${table.description} is null or char_length(${table.description}) <= ${sql.raw(String(TASK_DESCRIPTION_MAX))}`,
    ),
    check("tasks_priority_range", sql`${table.priority} between 0 and ${sql.raw(String(TASK_PRIORITIES.length - 1))}`),
    check("tasks_all_day_has_date", sql`not ${table.dueAllDay} or ${table.dueAt} is not null`),
    // An all-day date is its midnight UTC, so that one date is one value (and sorts with the instants).
    check("tasks_all_day_at_midnight", sql`not ${table.dueAllDay} or (${table.dueAt} at time zone 'UTC')::time = '00:00'`),
    // (Postgres's regular expressions cap a repeat count at 255: the length is checked apart.)
    check(
      "tasks_position_key",
      sql`${table.position} is null or (${table.position} ~ '^[A-Za-z][0-9A-Za-z]*$' and char_length(${table.position}) <= ${sql.raw(String(TASK_POSITION_MAX))})`,
    ),
  ],
);

export type Task = typeof tasks.$inferSelect;

/**
 * A copy of each task deleted through the API, made by the delete statement itself (one round
 * trip), so that Undo writes back exactly what was there: the row as it was (`task`, the tasks row
 * as JSON) and the labels it carried. POST /api/:userId/tasks/restore writes it back within
 * UNDO_WINDOW_SECONDS and removes the copy; the scheduled clean-up deletes copies past the window
 * (by `deleted_at`, indexed for that; `user_id` is indexed for the cascade of an account deletion). docs/decisions/undo.md.
 */
export const deletedTasks = pgTable(
  "deleted_tasks",
  {
    /** The deleted task's id (no foreign key: the task is gone; a restore brings it back under this id). */
    taskId: uuid("task_id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** The `tasks` row as it was, `to_jsonb(tasks)`: a column added to `tasks` later is kept too. */
    task: jsonb("task").notNull(),
    /** The labels it carried; a restore re-links those that still exist and are the person's. */
    labelIds: uuid("label_ids").array().notNull(),
    deletedAt: timestamp("deleted_at", { withTimezone: true, precision: 3 }).defaultNow().notNull(),
  },
  (table) => [
    index("deleted_tasks_deleted_at_idx").on(table.deletedAt),
    // Deleting an account cascades here: without it, every account deletion reads the whole table.
    index("deleted_tasks_user_id_idx").on(table.userId),
  ],
);

/**
 * A person's labels. Names are unique per person whatever their case ("Work" and "work" are one
 * label), by the unique index on `lower(name)`; colours come from LABEL_COLORS.
 */
export const labels = pgTable(
  "labels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    color: text("color").default("gray").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).defaultNow().notNull(),
  },
  (table) => [
    uniqueIndex("labels_user_id_lower_name_idx").on(table.userId, sql`lower(${table.name})`),
    check("labels_name_length", sql`char_length(${table.name}) between 1 and ${sql.raw(String(LABEL_NAME_MAX))}`),
    check("labels_color_palette", sql`${table.color} in (${inList(LABEL_COLORS)})`),
  ],
);

export type Label = typeof labels.$inferSelect;

/** Which labels a task carries. Deleting a task or a label removes its rows here. */
export const taskLabels = pgTable(
  "task_labels",
  {
    taskId: uuid("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    labelId: uuid("label_id")
      .notNull()
      .references(() => labels.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.taskId, table.labelId] }), index("task_labels_label_id_idx").on(table.labelId)],
);

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
