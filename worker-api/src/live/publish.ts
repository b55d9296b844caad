/**
 * @module publish
 * Tells the person's live object about a committed write, after the response (`waitUntil`): one
 * object request per write, never on the response path. An object that is down costs a warning
 * in the log, nothing else: the write has committed, and clients catch up when they reconnect.
 */
import type { Context } from "hono";
import type { AppEnv } from "../types.ts";
import type { LiveChange } from "./protocol.ts";

/**
 * @param change - what the write changed, still being read from its answer (null: nothing to
 *   publish); everything from here on runs after the response.
 */
export function publishAfterResponse(c: Context<AppEnv>, change: Promise<LiveChange | null>): void {
  const { userId } = c.get("caller");
  // Called once the write's statement has returned: the runtime's clock has moved past its commit.
  const committedAt = Date.now();
  const published = change
    .then((found) => (found ? c.env.LIVE_UPDATES.getByName(userId).publish(found, committedAt) : null))
    .then(
      () => undefined,
      (error: unknown) =>
        console.warn(
          JSON.stringify({
            level: "warn",
            event: "live_publish_failed",
            requestId: c.get("requestId"),
            error: error instanceof Error ? error.message : String(error),
          }),
        ),
    );
  c.executionCtx.waitUntil(published);
}
