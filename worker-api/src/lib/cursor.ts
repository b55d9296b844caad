/**
 * Opaque list cursors: the (created_at, id) of the last task on a page, base64url-encoded JSON.
 * A cursor comes back from the client, so decoding accepts only what `encodeCursor` writes: a
 * timestamp in exactly `Date#toISOString` form (no offsets, no impossible dates, nothing that
 * does not survive the round trip) within years 1970 to 9999, which Postgres also accepts.
 */
import * as v from "valibot";

export type TaskCursor = { createdAt: Date; id: string };

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const CursorSchema = v.strictObject({
  c: v.pipe(
    v.string(),
    v.maxLength(30),
    v.transform((text) => ({ text, date: new Date(text) })),
    v.check(({ text, date }) => {
      const time = date.getTime();
      return time >= EARLIEST && time <= LATEST && date.toISOString() === text;
    }),
    v.transform(({ date }) => date),
  ),
  i: v.pipe(v.string(), v.uuid()),
});

export function encodeCursor(cursor: TaskCursor): string {
  const json = JSON.stringify({ c: cursor.createdAt.toISOString(), i: cursor.id });
  return btoa(json).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Returns null for anything that is not a cursor this API issued. */
export function decodeCursor(value: string): TaskCursor | null {
  try {
    const json = atob(value.replaceAll("-", "+").replaceAll("_", "/"));
    const parsed = v.safeParse(CursorSchema, JSON.parse(json));
    return parsed.success ? { createdAt: parsed.output.c, id: parsed.output.i } : null;
  } catch {
    return null;
  }
}
