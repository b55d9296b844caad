"use client";
/**
 * The due date (with an optional time of day) and the priority of a task, shared by the add form
 * and the editor. Their values live beside the title and description (task-fields.tsx), which the
 * form validates; these need no validation: the browser's date and time inputs only give valid
 * values or nothing, and the priority is a choice.
 */
import { useId, useState } from "react";
import { type Due, type DueInput, dueFromInput } from "@/lib/tasks/due";
import { PRIORITY_OPTIONS, type Priority } from "@/lib/tasks/priority";

export type ScheduleValues = DueInput & { priority: Priority };

export const NO_SCHEDULE: ScheduleValues = { date: "", time: "", priority: "none" };

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-zinc-900 shadow-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none disabled:bg-zinc-100 disabled:text-zinc-500 sm:text-sm dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700 dark:disabled:bg-zinc-800";
const LABEL = "mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200";

/** The values, a setter, and what to send for them (only what changed from `initial`, when editing). */
export function useSchedule(initial: ScheduleValues) {
  const [values, setValues] = useState(initial);
  return {
    values,
    set: (patch: Partial<ScheduleValues>) => setValues((current) => ({ ...current, ...patch })),
    reset: () => setValues(initial),
    /** The API's fields for what differs from `initial` (a new task: from no date and no priority). */
    input(): { due?: Due; priority?: Priority } {
      const dueChanged = values.date !== initial.date || values.time !== initial.time;
      return {
        ...(dueChanged ? { due: dueFromInput(values) } : {}),
        ...(values.priority !== initial.priority ? { priority: values.priority } : {}),
      };
    },
    changed: () => values.date !== initial.date || values.time !== initial.time || values.priority !== initial.priority,
  };
}

export type Schedule = ReturnType<typeof useSchedule>;

export function TaskScheduleFields({ schedule, disabled = false }: { schedule: Schedule; disabled?: boolean }) {
  const id = useId();
  const { values, set } = schedule;
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
      <div>
        <label htmlFor={`${id}-date`} className={LABEL}>
          Due date
        </label>
        <input
          id={`${id}-date`}
          type="date"
          value={values.date}
          min="1970-01-01"
          max="9999-12-31"
          onChange={(event) => set({ date: event.target.value, ...(event.target.value ? {} : { time: "" }) })}
          readOnly={disabled}
          className={CONTROL}
        />
      </div>
      <div>
        <label htmlFor={`${id}-time`} className={LABEL}>
          Time <span className="font-normal text-zinc-600 dark:text-zinc-400">(optional)</span>
        </label>
        <input
          id={`${id}-time`}
          type="time"
          value={values.time}
          onChange={(event) => set({ time: event.target.value })}
          disabled={!values.date}
          readOnly={disabled}
          className={CONTROL}
        />
      </div>
      <div className="col-span-2 sm:col-span-1">
        <label htmlFor={`${id}-priority`} className={LABEL}>
          Priority
        </label>
        <select
          id={`${id}-priority`}
          value={values.priority}
          onChange={(event) => set({ priority: event.target.value as Priority })}
          disabled={disabled}
          className={CONTROL}
        >
          {PRIORITY_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
