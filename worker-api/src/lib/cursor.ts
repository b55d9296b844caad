/** Opaque list cursors: the (created_at, id) of the last task on a page, base64url-encoded. */
import * as v from "valibot";

export type TaskCursor = { createdAt: Date; id: string };

const CursorSchema = v.object({ c: v.pipe(v.string(), v.isoTimestamp()), i: v.pipe(v.string(), v.uuid()) });

export function encodeCursor(cursor: TaskCursor): string {
  const json = JSON.stringify({ c: cursor.createdAt.toISOString(), i: cursor.id });
  return btoa(json).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Returns null for anything that is not a cursor this API issued. */
export function decodeCursor(value: string): TaskCursor | null {
  try {
    const json = atob(value.replaceAll("-", "+").replaceAll("_", "/"));
    const parsed = v.safeParse(CursorSchema, JSON.parse(json));
    return parsed.success ? { createdAt: new Date(parsed.output.c), id: parsed.output.i } : null;
  } catch {
    return null;
  }
}
