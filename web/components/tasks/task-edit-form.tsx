"use client";
/**
 * Inline edit of a task's title, description, due date and priority. Enter in the title (or Ctrl/⌘+Enter in the
 * description) saves; Escape or Cancel leaves without saving.
 */
import { type KeyboardEvent, useEffect, useRef } from "react";
import type { Task } from "@/lib/tasks/api";
import { dueToInput } from "@/lib/tasks/due";
import { useTasks } from "@/lib/tasks/use-tasks";
import { Button } from "../ui/button";
import { FormShell } from "../ui/form-shell";
import { TaskFields, useTaskForm } from "./task-fields";
import { TaskScheduleFields, useSchedule } from "./task-schedule-fields";

/** `onClose` leaves the editor (after a save, or without one). */
export function TaskEditForm({ task, onClose }: { task: Task; onClose: () => void }) {
  const tasks = useTasks();
  const schedule = useSchedule({ ...dueToInput(task.due, tasks.timeZone), priority: task.priority });
  const form = useTaskForm(
    { title: task.title, description: task.description ?? "" },
    async (input) => {
      const textChanged = input.title !== task.title || input.description !== task.description;
      if (textChanged || schedule.changed()) {
        await tasks.update(task.id, { ...input, ...schedule.input() });
      }
      onClose();
    },
    "The changes could not be saved.",
  );
  const formRef = useRef<HTMLFormElement>(null);
  const { controls } = form;

  useEffect(() => {
    controls.current.title?.focus();
    controls.current.title?.select();
  }, [controls]);

  function handleKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      if (form.pending) return;
      event.stopPropagation();
      onClose();
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target === controls.current.description) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  }

  return (
    <FormShell
      ref={formRef}
      form={form}
      submit="Save"
      pendingSubmit="Saving…"
      alertAt="end"
      onKeyDown={handleKeyDown}
      className="flex-1 space-y-3"
      aria-label={`Edit “${task.title}”`}
      actions={
        <>
          <Button variant="secondary" onClick={onClose} disabled={form.pending}>
            Cancel
          </Button>
          <span className="text-xs text-zinc-500 dark:text-zinc-400">Enter saves · Esc cancels</span>
        </>
      }
    >
      <TaskFields form={form} descriptionRows={3} />
      <TaskScheduleFields schedule={schedule} disabled={form.pending} />
    </FormShell>
  );
}
