/**
 * The store's actions on many tasks at once (one request each, the API's bulk route) and Undo
 * (undo.ts). Each waits for the API, then changes the page as the same action arriving from
 * another tab would (bulk-change.ts); a refusal is thrown for the caller to show, and nothing on
 * the page has changed. Completing and deleting offer Undo.
 */
import type { Dispatch } from "react";
import type { BulkAction, Task, TasksApi } from "./api.ts";
import type { Placed } from "./bulk-change.ts";
import type { TasksAction, TasksState } from "./task-store.ts";
import { tasksNamed, type UndoOffer } from "./undo.ts";

/** The offer after `tasks` were completed: Undo reopens them. */
export const completedOffer = (tasks: Task[]): UndoOffer => ({
  kind: "complete",
  ids: tasks.map((task) => task.id),
  message: `Completed ${tasksNamed(tasks.map((task) => task.title))}.`,
});

/** The offer after `placed` were deleted: Undo writes them back where they stood. */
export const deletedOffer = (placed: Placed[]): UndoOffer => ({
  kind: "delete",
  ids: placed.map(({ task }) => task.id),
  message: `Deleted ${tasksNamed(placed.map(({ task }) => task.title))}.`,
  placed,
});

/** Where each of `ids` stands in the list shown. */
const placedIn = (shown: Task[], ids: string[]): Placed[] =>
  ids.flatMap((id) => {
    const index = shown.findIndex((task) => task.id === id);
    const task = shown[index];
    return task ? [{ task, index }] : [];
  });

export function bulkActions(api: TasksApi, state: TasksState, dispatch: Dispatch<TasksAction>) {
  return {
    /** One action on `ids` (at most BULK_IDS_MAX), all or nothing; throws the API's refusal. */
    async bulk(action: BulkAction, ids: string[], labelId?: string): Promise<void> {
      const shown = state.list.tasks;
      await api.bulk({ action, ids, ...(labelId === undefined ? {} : { label_id: labelId }) });
      if (action === "delete") {
        const placed = placedIn(shown, ids);
        dispatch({ type: "remoteChanged", change: { op: "delete", ids } });
        dispatch({ type: "undoOffered", offer: deletedOffer(placed) });
        return;
      }
      if (action === "add_label" || action === "remove_label") {
        dispatch({ type: "remoteChanged", change: { op: action, ids, label_id: labelId as string } });
        return;
      }
      dispatch({ type: "remoteChanged", change: { op: action, ids } });
      // Undo reopens only the tasks this completed: those completed before keep their completion.
      const newlyCompleted = placedIn(shown, ids).flatMap(({ task }) => (task.completed ? [] : [task]));
      if (action === "complete" && newlyCompleted.length > 0)
        dispatch({ type: "undoOffered", offer: completedOffer(newlyCompleted) });
    },
    /** Undoes `offer`; throws the API's refusal (then the offer stays, to try again). */
    async undo(offer: UndoOffer): Promise<void> {
      if (offer.kind === "complete") {
        await api.bulk({ action: "reopen", ids: offer.ids });
        dispatch({ type: "remoteChanged", change: { op: "reopen", ids: offer.ids } });
        dispatch({ type: "undoDismissed", offer });
        return;
      }
      const tasks = await api.restore(offer.ids);
      const placed = tasks.map((task) => ({
        task,
        index: offer.placed.find((each) => each.task.id === task.id)?.index ?? 0,
      }));
      dispatch({ type: "undoDismissed", offer });
      dispatch({ type: "restored", placed, announcement: `Restored ${tasksNamed(tasks.map((task) => task.title))}.` });
    },
    dismissUndo: (offer: UndoOffer) => dispatch({ type: "undoDismissed", offer }),
  };
}
