"use client";
/** All / Pending / Completed as a radio group styled like a segmented control (arrow keys move). */
import { useId } from "react";
import type { TaskStatus } from "@/lib/tasks/api";

export const STATUS_OPTIONS: { value: TaskStatus; label: string }[] = [
  { value: "all", label: "All" },
  { value: "pending", label: "Pending" },
  { value: "completed", label: "Completed" },
];

export function StatusFilter({ value, onChange }: { value: TaskStatus; onChange: (status: TaskStatus) => void }) {
  const name = useId();
  return (
    <fieldset>
      <legend className="sr-only">Show tasks</legend>
      <div className="inline-flex rounded-lg bg-zinc-100 dark:bg-zinc-800 p-1">
        {STATUS_OPTIONS.map((option) => (
          <label key={option.value} className="cursor-pointer">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="peer sr-only"
            />
            <span className="block rounded-md px-3 py-1.5 text-sm font-medium text-zinc-600 dark:text-zinc-400 peer-checked:bg-white dark:peer-checked:bg-zinc-700 peer-checked:text-zinc-900 dark:peer-checked:text-zinc-100 peer-checked:shadow-sm peer-focus-visible:outline-2 peer-focus-visible:outline-offset-1 peer-focus-visible:outline-indigo-600 dark:peer-focus-visible:outline-indigo-400 hover:text-zinc-900 dark:hover:text-zinc-100">
              {option.label}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
