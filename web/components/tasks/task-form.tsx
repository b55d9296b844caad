"use client";
/**
 * The add-task form. Its state lives here, apart from the list, so a list that fails to load (and
 * its Retry) never touches what the user typed. A failed create keeps the text and shows the
 * error beside the form; the API's 422 details land on their fields. After a create (the store
 * shows the task and announces it) the title input gets the focus back for the next task.
 */
import { type FormEvent, useState } from "react";
import { errorMessage } from "@/lib/tasks/error-message";
import { useTasks } from "@/lib/tasks/use-tasks";
import { Button } from "../ui/button";
import { FormError } from "../ui/form-alert";
import { TaskFields, useTaskFields } from "./task-fields";

const EMPTY = { title: "", description: "" };

export function TaskForm() {
  const tasks = useTasks();
  const fields = useTaskFields(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input = fields.check();
    if (!input) return;
    setPending(true);
    setError(null);
    fields.clearServerErrors();
    try {
      await tasks.create(input);
      fields.reset(EMPTY);
      fields.titleRef.current?.focus();
    } catch (caught) {
      const explained = fields.showServerErrors(caught);
      setError(explained ? "The task could not be added. Check the highlighted fields." : errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  const errorId = `${fields.id}-form-error`;

  return (
    <form noValidate onSubmit={handleSubmit} aria-describedby={error ? errorId : undefined} className="space-y-3">
      <TaskFields fields={fields} pending={pending} descriptionRows={2} titlePlaceholder="What needs doing?" />
      {error && <FormError id={errorId}>{error}</FormError>}
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add task"}
      </Button>
    </form>
  );
}
