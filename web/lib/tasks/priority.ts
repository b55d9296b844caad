/** A task's priority as people read it: the API's five values, their words and how each looks. */
import { TASK_PRIORITIES } from "../../../drizzle/limits.ts";

export type Priority = (typeof TASK_PRIORITIES)[number];

export const PRIORITY_OPTIONS: { value: Priority; label: string }[] = [
  { value: "none", label: "None" },
  { value: "low", label: "Low" },
  { value: "medium", label: "Medium" },
  { value: "high", label: "High" },
  { value: "urgent", label: "Urgent" },
];

export const priorityLabel = (priority: Priority) =>
  PRIORITY_OPTIONS.find((option) => option.value === priority)?.label ?? "None";

/** Chip colours with at least 4.5:1 contrast, light and dark. */
export const PRIORITY_CHIP: Record<Priority, string> = {
  none: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200",
  low: "bg-sky-50 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  medium: "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
  high: "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200",
  urgent: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

export const isPriority = (value: unknown): value is Priority => TASK_PRIORITIES.includes(value as Priority);
