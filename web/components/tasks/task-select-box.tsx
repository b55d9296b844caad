"use client";
/**
 * A task's selection box for bulk actions: a click selects or clears it, a shift-click the whole
 * range from the last box clicked (selection.ts). Nothing on pages without a selection.
 */
import type { Task } from "@/lib/tasks/api";
import { useSelection } from "@/lib/tasks/use-selection";
import { useTasks } from "@/lib/tasks/use-tasks";

export function TaskSelectBox({ task }: { task: Task }) {
  const selection = useSelection();
  const { list } = useTasks().state;
  if (!selection) return null;
  return (
    <input
      type="checkbox"
      aria-label={`Select “${task.title}”`}
      checked={selection.selection.ids.has(task.id)}
      onChange={(event) =>
        selection.click(
          task.id,
          list.tasks.map((shown) => shown.id),
          // A checkbox's change comes from a click (Space on the box is one too), which carries Shift.
          (event.nativeEvent as MouseEvent).shiftKey === true,
        )
      }
      className="mt-1 size-4 shrink-0 cursor-pointer rounded-sm accent-zinc-600 dark:accent-zinc-400"
    />
  );
}
