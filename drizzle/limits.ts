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
/** An `Idempotency-Key` header's value (the API's check, and the column's). */
export const IDEMPOTENCY_KEY_MIN = 8;
export const IDEMPOTENCY_KEY_MAX = 128;
/** How long a key's first answer is replayed (the clean-up may delete keys older than this). */
export const IDEMPOTENCY_WINDOW_HOURS = 24;
