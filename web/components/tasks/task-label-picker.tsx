"use client";
/**
 * Which of the person's labels a task carries: a disclosure with one checkbox per label. Each
 * change is one request (attach or detach); the box shows the change while it runs, and a refusal
 * is told beside the list and the box goes back to what the task carries.
 *
 * The checkboxes exist only while the disclosure is open: closed, every task would otherwise carry
 * one hidden box per label (20 tasks and 50 labels: 1,000 boxes in each page's HTML, rendered on the
 * server and hydrated in the browser for nothing).
 */
import { useEffect, useId, useRef, useState } from "react";
import type { Task } from "@/lib/tasks/api";
import { errorMessage } from "@/lib/tasks/error-message";
import { useTasks } from "@/lib/tasks/use-tasks";
import { LabelChip } from "./label-chip";

export function TaskLabelPicker({ task }: { task: Task }) {
  const tasks = useTasks();
  const id = useId();
  // The box shows the wanted state while its request runs (then the task's, whatever the API said).
  const [pending, setPending] = useState<{ labelId: string; on: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const disclosure = useRef<HTMLDetailsElement>(null);
  // Opened before the page hydrated: its toggle event came before React listened.
  useEffect(() => {
    if (disclosure.current?.open) setOpen(true);
  }, []);
  const labels = tasks.state.labels;
  if (!labels) return null;

  async function change(labelId: string, on: boolean) {
    setPending({ labelId, on });
    setError(null);
    try {
      await tasks.setTaskLabel(task, labelId, on);
    } catch (caught) {
      setError(`Could not change the labels. ${errorMessage(caught)}`);
    } finally {
      setPending(null);
    }
  }

  return (
    <details ref={disclosure} onToggle={(event) => setOpen(event.currentTarget.open)} className="group w-full text-sm">
      <summary className="inline-flex cursor-pointer rounded-md px-3 py-1.5 font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800">
        Labels<span className="sr-only"> of “{task.title}”</span>
      </summary>
      {open && (
        <div className="mt-2 rounded-md bg-zinc-50 p-3 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-700">
          <fieldset>
            <legend className="sr-only">Labels of “{task.title}”</legend>
            <ul className="flex flex-wrap gap-x-4 gap-y-2">
              {labels.map((label) => (
                <li key={label.id} className="flex items-center gap-2">
                  <input
                    id={`${id}-${label.id}`}
                    type="checkbox"
                    checked={task.label_ids.includes(label.id)}
                    disabled={pending !== null}
                    onChange={(event) => void change(label.id, event.target.checked)}
                    className="size-4 accent-indigo-600"
                  />
                  <label htmlFor={`${id}-${label.id}`}>
                    <LabelChip label={label} />
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          {error && (
            <p role="alert" className="mt-2 text-red-800 dark:text-red-300">
              {error}
            </p>
          )}
        </div>
      )}
    </details>
  );
}
