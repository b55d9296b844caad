"use client";
/**
 * Inline edit of a task's title and description. Enter in the title (or Ctrl/⌘+Enter in the
 * description) saves; Escape or Cancel leaves without saving.
 */
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { Task } from "@/lib/tasks/api";
import { errorMessage } from "@/lib/tasks/error-message";
import { useTasks } from "@/lib/tasks/use-tasks";
import { Button } from "../ui/button";
import { FormError } from "../ui/form-alert";
import { TaskFields, useTaskFields } from "./task-fields";

/** `onClose` leaves the editor (after a save, or without one). */
export function TaskEditForm({ task, onClose }: { task: Task; onClose: () => void }) {
  const tasks = useTasks();
  const fields = useTaskFields({ title: task.title, description: task.description ?? "" });
  const { titleRef, descriptionRef } = fields;
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    titleRef.current?.focus();
    titleRef.current?.select();
  }, [titleRef]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input = fields.check();
    if (!input) return;
    if (input.title === task.title && input.description === task.description) {
      onClose();
      return;
    }
    setPending(true);
    setError(null);
    try {
      await tasks.update(task.id, input);
      onClose();
    } catch (caught) {
      const explained = fields.showServerErrors(caught);
      setError(explained ? "The changes could not be saved. Check the highlighted fields." : errorMessage(caught));
      setPending(false);
    }
  }

  function handleKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      if (pending) return;
      event.stopPropagation();
      onClose();
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target === descriptionRef.current) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  }

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={handleSubmit}
      onKeyDown={handleKeyDown}
      className="flex-1 space-y-3"
      aria-label={`Edit “${task.title}”`}
    >
      <TaskFields fields={fields} pending={pending} descriptionRows={3} />
      {error && <FormError>{error}</FormError>}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        <Button variant="secondary" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <span className="text-xs text-zinc-500">Enter saves · Esc cancels</span>
      </div>
    </form>
  );
}
