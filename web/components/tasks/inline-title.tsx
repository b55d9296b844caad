"use client";
/**
 * A task's title, editable where it stands: a double-click on it (or `e` with the task current,
 * lib/tasks/shortcuts.ts) turns it into a text field; Enter or leaving the field saves it (PUT),
 * Escape puts the title back. The title's rules and messages are the forms' own (TaskInputSchema),
 * and a refusal by the API is said under the field, which stays open with what was typed.
 */
import { useEffect, useId, useRef, useState } from "react";
import * as v from "valibot";
import { TaskInputSchema } from "@/lib/forms/schemas";
import type { Task } from "@/lib/tasks/api";
import { errorMessage } from "@/lib/tasks/error-message";
import { useTasks } from "@/lib/tasks/use-tasks";

/** Dispatched on the title's wrapper (`[data-inline-title]`) to start editing it. */
export const EDIT_TITLE_EVENT = "task:edit-title";

const INPUT =
  "block w-full rounded-md border-0 bg-white px-2 py-1 font-medium text-zinc-900 shadow-sm ring-1 ring-indigo-600 ring-inset focus:ring-2 focus:outline-none aria-[invalid=true]:ring-red-600 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-indigo-400 dark:aria-[invalid=true]:ring-red-500";

export function InlineTitle({ task, className }: { task: Task; className: string }) {
  const tasks = useTasks();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  /** Closed (saved or cancelled) or saving: a blur then changes nothing. */
  const settled = useRef(false);
  const errorId = useId();
  const editing = draft !== null;

  useEffect(() => {
    const element = wrapper.current;
    const start = () => {
      settled.current = false;
      setError(null);
      setDraft(task.title);
    };
    element?.addEventListener(EDIT_TITLE_EVENT, start);
    return () => element?.removeEventListener(EDIT_TITLE_EVENT, start);
  }, [task.title]);

  useEffect(() => {
    if (!editing) return;
    input.current?.focus();
    input.current?.select();
  }, [editing]);

  /** Back to the title; the focus to the task's row, so that the keyboard carries on from there. */
  function close() {
    settled.current = true;
    setDraft(null);
    setError(null);
    wrapper.current?.closest<HTMLElement>("[data-task-id]")?.focus();
  }

  async function save() {
    if (draft === null || settled.current) return;
    const checked = v.safeParse(TaskInputSchema.entries.title, draft);
    if (!checked.success) {
      setError(checked.issues[0].message);
      return;
    }
    if (checked.output === task.title) return close();
    settled.current = true;
    try {
      await tasks.update(task.id, { title: checked.output });
      close();
    } catch (caught) {
      settled.current = false;
      setError(`The title could not be saved. ${errorMessage(caught)}`);
    }
  }

  const start = () => wrapper.current?.dispatchEvent(new Event(EDIT_TITLE_EVENT));

  return (
    <div ref={wrapper} data-inline-title="">
      {editing ? (
        <>
          <input
            ref={input}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                void save();
              } else if (event.key === "Escape") {
                event.preventDefault();
                event.stopPropagation();
                close();
              }
            }}
            onBlur={() => void save()}
            aria-label={`Title of “${task.title}”`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            autoComplete="off"
            className={INPUT}
          />
          {error && (
            <p id={errorId} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
              {error}
            </p>
          )}
        </>
      ) : (
        // A double-click is the pointer's shortcut; the keyboard's is `e`, and the Edit button edits it too.
        <p className={className} onDoubleClick={start} title="Double-click to edit the title">
          {task.title}
        </p>
      )}
    </div>
  );
}
