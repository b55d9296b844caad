/**
 * What a bulk action (complete, reopen, add or remove a label) or a restore does to the tasks a
 * page shows, as pure functions: the store applies them to its own action once the API has
 * answered, and to the same action made in another tab when it arrives live (remote-change.ts).
 * Applying one twice changes nothing the second time (the echo of this tab's own action).
 */
import type { LiveChange } from "../../../worker-api/src/live/protocol.ts";
import type { Task } from "./api.ts";

export type BulkChange = Extract<LiveChange, { op: "complete" | "reopen" | "add_label" | "remove_label" }>;

function changed(task: Task, change: BulkChange, now: string): Task {
  switch (change.op) {
    case "complete":
      // Completing a completed task keeps when it was done (as the API does).
      return task.completed ? task : { ...task, completed: true, completed_at: now };
    case "reopen":
      return task.completed ? { ...task, completed: false, completed_at: null } : task;
    case "add_label":
      return task.label_ids.includes(change.label_id)
        ? task
        : { ...task, label_ids: [...task.label_ids, change.label_id].sort() };
    case "remove_label":
      return task.label_ids.includes(change.label_id)
        ? { ...task, label_ids: task.label_ids.filter((id) => id !== change.label_id) }
        : task;
  }
}

/** `tasks` with `change` applied to those it names. `now`: the completion time to show until the next load. */
export function applyBulkChange(tasks: Task[], change: BulkChange, now: string): Task[] {
  const ids = new Set(change.ids);
  return tasks.map((task) => (ids.has(task.id) ? changed(task, change, now) : task));
}

/** A task and where it stood in the list when it was deleted, for Undo to put it back there. */
export type Placed = { task: Task; index: number };

/** `tasks` with the restored ones back where they stood (those shown already stay as they are). */
export function placeRestored(tasks: Task[], restored: Placed[]): Task[] {
  const next = [...tasks];
  for (const { task, index } of [...restored].sort((a, b) => a.index - b.index)) {
    if (next.some((other) => other.id === task.id)) continue;
    next.splice(Math.min(index, next.length), 0, task);
  }
  return next;
}
