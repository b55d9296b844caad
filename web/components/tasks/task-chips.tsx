"use client";
import type { Task } from "@/lib/tasks/api";
/**
 * What a task carries besides its text, as small chips: its due date ("Overdue", "Today",
 * "Tomorrow" or the date, in the person's zone) and its priority (none shows nothing).
 * Each chip says what it is to a screen reader, not only by colour.
 */
import { type DueState, describeDue } from "@/lib/tasks/due";
import { PRIORITY_CHIP, priorityLabel } from "@/lib/tasks/priority";

const CHIP = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium";

const DUE_CHIP: Record<DueState, string> = {
  overdue: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  today: "bg-indigo-50 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200",
  tomorrow: "bg-violet-50 text-violet-800 dark:bg-violet-950 dark:text-violet-200",
  later: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200",
};

export function DueChip({ task, timeZone, now }: { task: Task; timeZone: string; now: Date }) {
  const due = describeDue(task.due, task.completed, now, timeZone);
  if (!due) return null;
  return (
    <span className={`${CHIP} ${DUE_CHIP[due.state]}`} data-due={due.state}>
      <span className="sr-only">Due: </span>
      <time dateTime={due.dateTime}>{due.text}</time>
    </span>
  );
}

export function PriorityChip({ task }: { task: Task }) {
  if (task.priority === "none") return null;
  return (
    <span className={`${CHIP} ${PRIORITY_CHIP[task.priority]}`} data-priority={task.priority}>
      {priorityLabel(task.priority)}
      <span className="sr-only"> priority</span>
    </span>
  );
}
