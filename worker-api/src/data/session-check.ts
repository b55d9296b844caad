/**
 * The caller's session check alone, for a request that reads nothing else (the live upgrade):
 * one statement that returns a row while the session is live, and throws `SessionEndedError`
 * once it has ended (live-session.ts).
 */
import type { Database } from "../db.ts";
import { type Caller, withLiveSession } from "./live-session.ts";

export async function assertLiveSession(db: Database, caller: Caller): Promise<void> {
  await withLiveSession(db, caller, (live) => live.select({ live: live.cte.live }));
}
