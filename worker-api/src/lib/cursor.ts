/**
 * Opaque list cursors: the sort, the sort key and the id of the last task on a page,
 * base64url-encoded JSON (`{s, v, i}`). A cursor comes back from the client, so decoding accepts
 * only what `encodeCursor` writes, per sort: a timestamp in exactly `Date#toISOString` form (no
 * offsets, no impossible dates, nothing that does not survive the round trip) within years 1970 to
 * 9999, which Postgres also accepts; a priority 0 to 4; a position key of the column's shape; null
 * where the key may be null (due, position). The first release's `{c, i}` (created) still decodes.
 */
import * as v from "valibot";
import { TASK_POSITION_MAX, TASK_PRIORITIES } from "../../../drizzle/limits.ts";

export const TASK_SORTS = ["created", "due", "priority", "position"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export type TaskCursor =
  | { sort: "created"; value: Date; id: string }
  | { sort: "due"; value: Date | null; id: string }
  | { sort: "priority"; value: number; id: string }
  | { sort: "position"; value: string | null; id: string };

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const Timestamp = v.pipe(
  v.string(),
  v.maxLength(30),
  v.transform((text) => ({ text, date: new Date(text) })),
  v.check(({ text, date }) => {
    const time = date.getTime();
    return time >= EARLIEST && time <= LATEST && date.toISOString() === text;
  }),
  v.transform(({ date }) => date),
);
const Id = v.pipe(v.string(), v.uuid());
const PositionKey = v.pipe(v.string(), v.regex(new RegExp(`^[A-Za-z][0-9A-Za-z]{0,${TASK_POSITION_MAX - 1}}$`)));

const CursorSchema = v.union([
  v.strictObject({ s: v.literal("created"), v: Timestamp, i: Id }),
  v.strictObject({ s: v.literal("due"), v: v.nullable(Timestamp), i: Id }),
  v.strictObject({
    s: v.literal("priority"),
    v: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(TASK_PRIORITIES.length - 1)),
    i: Id,
  }),
  v.strictObject({ s: v.literal("position"), v: v.nullable(PositionKey), i: Id }),
  // The first release's cursors (created_at, id), which pages already loaded may still send.
  v.pipe(
    v.strictObject({ c: Timestamp, i: Id }),
    v.transform(({ c, i }) => ({ s: "created" as const, v: c, i })),
  ),
]);

export function encodeCursor(cursor: TaskCursor): string {
  const value = cursor.value instanceof Date ? cursor.value.toISOString() : cursor.value;
  const json = JSON.stringify({ s: cursor.sort, v: value, i: cursor.id });
  return btoa(json).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Returns null for anything that is not a cursor this API issued. */
export function decodeCursor(value: string): TaskCursor | null {
  try {
    const json = atob(value.replaceAll("-", "+").replaceAll("_", "/"));
    const parsed = v.safeParse(CursorSchema, JSON.parse(json));
    if (!parsed.success) return null;
    const { s, v: key, i } = parsed.output;
    return { sort: s, value: key, id: i } as TaskCursor;
  } catch {
    return null;
  }
}
