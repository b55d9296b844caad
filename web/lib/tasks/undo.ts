/**
 * What the page offers to undo (the notice with Undo, components/tasks/undo-notice.tsx): the last
 * completion or deletion, of one task or many. Undo of a completion reopens the tasks that were
 * pending before it (a bulk reopen: they had no completion time before); undo of a deletion
 * writes them back through the API's restore, exactly as they were, where they stood in the list.
 * A newer completion or deletion replaces the offer; the notice lets it go after UNDO_NOTICE_MS.
 */
import type { Placed } from "./bulk-change.ts";

/** About 8 seconds, as Gmail and Todoist give; the API keeps a deleted task restorable far longer (UNDO_WINDOW_SECONDS). */
export const UNDO_NOTICE_MS = 8000;

export type UndoOffer =
  | { kind: "complete"; ids: string[]; message: string }
  | { kind: "delete"; ids: string[]; message: string; placed: Placed[] };

/** "“Title”" for one task, "3 tasks" for more. */
export function tasksNamed(titles: string[]): string {
  return titles.length === 1 ? `“${titles[0]}”` : `${titles.length} tasks`;
}
