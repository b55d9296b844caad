/**
 * The length limits on what people type, stated once for everyone who checks them: the forms
 * (web/lib/forms/schemas.ts), the servers (the API's valibot schemas, Better Auth's account checks in
 * web/lib/auth/plugins/account-field-limits/account-limits.ts) and the database (the `tasks` CHECKs in schema.ts, which
 * worker-api/test/limits.test.ts compares with the live constraints). Lengths are in characters.
 * No imports, so the browser bundle takes this file as it is.
 */
export const TASK_TITLE_MAX = 200;
export const TASK_DESCRIPTION_MAX = 2000;
export const NAME_MAX = 100;
/** RFC 5321's limit on a forward path: no deliverable address is longer. */
export const EMAIL_MAX = 254;
/** A passkey's name, as its owner gives it in Settings (web/lib/auth/plugins/passkeys). */
export const PASSKEY_NAME_MAX = 64;
/** An `Idempotency-Key` header's value (the API's check, and the column's). */
export const IDEMPOTENCY_KEY_MIN = 8;
export const IDEMPOTENCY_KEY_MAX = 128;
/** How long a key's first answer is replayed (the clean-up may delete keys older than this). */
export const IDEMPOTENCY_WINDOW_HOURS = 24;
/** A label's name (unique per person, ignoring case). */
export const LABEL_NAME_MAX = 40;
/** The colours a label may have: a fixed palette, so that every one has a tested contrast in both themes. */
export const LABEL_COLORS = ["gray", "red", "orange", "yellow", "green", "teal", "blue", "purple", "pink"] as const;
/** A task's priority, stored as its index here (0 = none … 4 = urgent), so that sorting by it is sorting by number. */
export const TASK_PRIORITIES = ["none", "low", "medium", "high", "urgent"] as const;
/** A manual position: a fractional index key (`fractional-indexing`); moves lengthen keys only slowly. */
export const TASK_POSITION_MAX = 512;
/** The search string `q` of the task list. */
export const TASK_SEARCH_MAX = 200;
/** Labels one list request may filter by. */
export const LABEL_FILTER_MAX = 20;
/** Tasks one bulk request may act on. */
export const BULK_IDS_MAX = 500;
/**
 * How long a deleted task can be restored (POST /api/:userId/tasks/restore): the page offers Undo
 * for about 8 s; the server keeps the copy longer so that a slow or retried Undo still lands.
 * After it the scheduled clean-up deletes the copy (docs/decisions/undo.md).
 */
export const UNDO_WINDOW_SECONDS = 60;
