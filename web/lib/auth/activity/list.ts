/**
 * One page of a person's account events, newest first, at most 90 days old: keyset pagination on
 * (created_at, id), so a page costs the same however far back it is, and an event written while
 * someone pages never shifts or repeats what they see. The cursor is the last event's
 * `<created_at ISO>_<id>` in base64url; anything else is refused with 400.
 */
import "server-only";
import { APIError } from "better-auth/api";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { HttpDatabase } from "../../../../drizzle/http-database.ts";
import { accountEvent } from "../../../../drizzle/index.ts";
import { ACTIVITY_KEEP_DAYS, ACTIVITY_PAGE_SIZE } from "./kinds.ts";

export type ActivityEvent = {
  id: string;
  kind: string;
  method: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: string;
};

export type ActivityPage = { events: ActivityEvent[]; next: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(event: { createdAt: string; id: string }): string {
  return btoa(`${event.createdAt}_${event.id}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const invalid = () => new APIError("BAD_REQUEST", { code: "INVALID_CURSOR", message: "This page link is not valid." });
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    throw invalid();
  }
  const [at, id, ...rest] = text.split("_");
  const createdAt = new Date(at ?? "");
  if (rest.length > 0 || !id || !UUID.test(id) || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== at)
    throw invalid();
  return { createdAt, id };
}

export async function listActivity(db: HttpDatabase, userId: string, before?: string): Promise<ActivityPage> {
  const cursor = before ? decodeCursor(before) : undefined;
  const rows = await db
    .select()
    .from(accountEvent)
    .where(
      and(
        eq(accountEvent.userId, userId),
        gt(accountEvent.createdAt, sql`now() - make_interval(days => ${ACTIVITY_KEEP_DAYS})`),
        cursor
          ? sql`(${accountEvent.createdAt}, ${accountEvent.id}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(accountEvent.createdAt), desc(accountEvent.id))
    .limit(ACTIVITY_PAGE_SIZE + 1);
  const events = rows.slice(0, ACTIVITY_PAGE_SIZE).map((row) => ({
    id: row.id,
    kind: row.kind,
    method: row.method,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
  }));
  const last = events.at(-1);
  return { events, next: rows.length > ACTIVITY_PAGE_SIZE && last ? encodeCursor(last) : null };
}
