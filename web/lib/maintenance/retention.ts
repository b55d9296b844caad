/**
 * How long rows the app no longer needs are kept before the scheduled clean-up (clean-up.ts)
 * deletes them. No "server-only" here: the cron handler is bundled outside Next.js.
 */
import { IDEMPOTENCY_WINDOW_HOURS, UNDO_WINDOW_SECONDS } from "../../../drizzle/limits.ts";

/**
 * A rate-limit row whose window began this long ago is stale: longer than any window configured
 * (the longest is the hour of web/lib/email/recipient-limit.ts; shorter, a prune would reopen it).
 */
export const RATE_LIMIT_KEEP_MS = 2 * 60 * 60_000;

/**
 * A retired signing key stays in the JWKS this long after its `expires_at` (the jwt plugin's
 * `gracePeriod`, web/lib/auth/jwt.ts): far longer than any token it signed (15 minutes) lives.
 */
export const SIGNING_KEY_GRACE_SECONDS = 24 * 60 * 60;

/** An account event is shown on Settings → Activity for 90 days (web/lib/auth/activity/kinds.ts), then deleted. */
export const ACCOUNT_EVENT_KEEP_MS = 90 * 24 * 60 * 60_000;

/** An Idempotency-Key replays its first answer for this long (worker-api/src/data/idempotent-create.ts), then never again. */
export const IDEMPOTENCY_KEY_KEEP_MS = IDEMPOTENCY_WINDOW_HOURS * 60 * 60_000;

/** A deleted task's copy serves Undo for the window (worker-api/src/data/deleted-tasks.ts), then nothing. */
export const DELETED_TASK_KEEP_MS = UNDO_WINDOW_SECONDS * 1000;
