"use client";
/**
 * One task: a checkbox to mark it done, inline edit, and a two-step delete ("Delete this task?"
 * Delete / Cancel). The store changes the screen at once and puts things back, with the message
 * shown here, if the API refuses. Focus moves predictably: into the edit form when it opens, back
 * to the Edit button when it closes, to Cancel when a delete is being confirmed, to the list's
 * heading when the task is deleted, and to what failed when a change is undone.
 */
import { type CSSProperties, type ReactNode, useEffect, useRef, useState } from "react";
import type { Task } from "@/lib/tasks/api";
import { describeDay } from "@/lib/tasks/due";
import { useTasks } from "@/lib/tasks/use-tasks";
import { Button } from "../ui/button";
import { InlineTitle } from "./inline-title";
import { LabelChip } from "./label-chip";
import { DueChip, PriorityChip } from "./task-chips";
import { TaskEditForm } from "./task-edit-form";
import { TaskLabelPicker } from "./task-label-picker";
import { focusTaskListHeading } from "./task-list-heading";
import { TaskSelectBox } from "./task-select-box";

type Mode = "view" | "edit" | "confirm-delete";
type FocusTarget = "edit" | "delete" | "cancel-delete" | "checkbox";

/** What a list in manual order adds to a task (sortable-task-list.tsx): dnd-kit's node, its motion, the handle. */
export type SortableRow = {
  ref: (element: HTMLElement | null) => void;
  style: CSSProperties;
  dragging: boolean;
  handle: ReactNode;
};

export function TaskItem({ task, sortable }: { task: Task; sortable?: SortableRow }) {
  const tasks = useTasks();
  const [mode, setMode] = useState<Mode>("view");
  const busy = tasks.state.busy[task.id] === true;
  const notice = tasks.state.notices[task.id];
  const refs = {
    edit: useRef<HTMLButtonElement>(null),
    delete: useRef<HTMLButtonElement>(null),
    "cancel-delete": useRef<HTMLButtonElement>(null),
    checkbox: useRef<HTMLInputElement>(null),
  };
  const focusAfterRender = useRef<FocusTarget | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each mode change, refs are stable.
  useEffect(() => {
    const target = focusAfterRender.current;
    focusAfterRender.current = null;
    if (target) refs[target].current?.focus();
  }, [mode]);

  // A change was undone: the focus goes back to the control that made it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new notice, refs are stable.
  useEffect(() => {
    if (notice) refs[notice.focus].current?.focus();
  }, [notice]);

  function switchMode(next: Mode, focus: FocusTarget | null = null) {
    focusAfterRender.current = focus;
    setMode(next);
  }

  const completed = task.completed;

  function confirmDelete() {
    setMode("view");
    void tasks.remove(task);
    focusTaskListHeading();
  }

  const checkboxId = `task-${task.id}-done`;
  const allLabels = tasks.state.labels;
  const labels = (allLabels ?? []).filter((label) => task.label_ids.includes(label.id));

  return (
    <li
      ref={sortable?.ref}
      style={sortable?.style}
      // The current task of the keyboard shortcuts (lib/tasks/shortcuts.ts): j/k focus the row.
      data-task-id={task.id}
      tabIndex={-1}
      className={`rounded-lg bg-white dark:bg-zinc-900 p-4 shadow-sm ring-1 ring-zinc-200 dark:ring-zinc-700 focus:outline-none focus:ring-2 focus:ring-indigo-600 dark:focus:ring-indigo-400 ${sortable?.dragging ? "relative z-10 opacity-80 shadow-lg" : ""}`}
      aria-busy={busy || undefined}
    >
      {mode === "edit" ? (
        <TaskEditForm task={task} onClose={() => switchMode("view", "edit")} />
      ) : (
        <div className="flex flex-wrap items-start gap-x-3 gap-y-3">
          {sortable?.handle}
          <TaskSelectBox task={task} />
          <input
            ref={refs.checkbox}
            id={checkboxId}
            type="checkbox"
            checked={completed}
            onChange={() => void tasks.toggle(task)}
            className="mt-0.5 size-5 shrink-0 cursor-pointer rounded border-zinc-300 dark:border-zinc-600 accent-indigo-600"
          />
          <div className="min-w-0 flex-1 basis-48">
            <label htmlFor={checkboxId} className="sr-only">
              Mark “{task.title}” as completed
            </label>
            <InlineTitle
              task={task}
              className={`font-medium break-words ${completed ? "text-zinc-500 dark:text-zinc-400 line-through" : "text-zinc-900 dark:text-zinc-100"}`}
            />
            {task.description && (
              <p className="mt-1 text-sm break-words whitespace-pre-line text-zinc-600 dark:text-zinc-400">{task.description}</p>
            )}
            <div className="mt-1.5 flex flex-wrap items-center gap-1.5">
              <DueChip task={task} timeZone={tasks.timeZone} now={new Date()} />
              <PriorityChip task={task} />
              {labels.length > 0 && (
                <ul aria-label="Labels" className="contents">
                  {labels.map((label) => (
                    <li key={label.id} className="flex">
                      <LabelChip label={label} />
                    </li>
                  ))}
                </ul>
              )}
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                {completed ? "Completed" : "Pending"} · Added{" "}
                <time dateTime={task.created_at}>{describeDay(task.created_at, tasks.timeZone)}</time>
              </span>
            </div>
          </div>

          {mode === "confirm-delete" ? (
            // biome-ignore lint/a11y/useSemanticElements: a group of two buttons, not a form fieldset.
            <div
              role="group"
              aria-label={`Confirm deleting “${task.title}”`}
              className="flex w-full flex-wrap items-center gap-2 sm:w-auto"
            >
              <span className="text-sm text-zinc-700 dark:text-zinc-300">Delete this task?</span>
              <Button variant="danger" onClick={confirmDelete} className="px-3 py-1.5">
                Delete
              </Button>
              <Button
                ref={refs["cancel-delete"]}
                variant="secondary"
                onClick={() => switchMode("view", "delete")}
                className="px-3 py-1.5"
              >
                Cancel
              </Button>
            </div>
          ) : (
            <div className="flex gap-2">
              <Button ref={refs.edit} variant="ghost" onClick={() => switchMode("edit")} className="px-3 py-1.5">
                Edit<span className="sr-only"> “{task.title}”</span>
              </Button>
              <Button
                ref={refs.delete}
                data-task-action="delete"
                variant="ghost-danger"
                onClick={() => switchMode("confirm-delete", "cancel-delete")}
                className="px-3 py-1.5"
              >
                Delete<span className="sr-only"> “{task.title}”</span>
              </Button>
            </div>
          )}
          {(allLabels?.length ?? 0) > 0 && <TaskLabelPicker task={task} />}
        </div>
      )}
      {notice && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 dark:bg-red-950 px-3 py-2 text-sm text-red-800 dark:text-red-200">
          {notice.message}
        </p>
      )}
    </li>
  );
}
