"use client";
/**
 * The add-task form. Its state lives here, apart from the list, so a list that fails to load (and
 * its Retry) never touches what the user typed. A failed create keeps the text and shows the
 * error beside the form; the API's 422 details land on their fields. After a create the title
 * input gets the focus back for the next task.
 */
import { type FormEvent, useId, useRef, useState } from "react";
import type { Task } from "@/lib/api";
import { apiFieldErrors, errorMessage } from "@/lib/error-message";
import { TaskInputSchema } from "@/lib/validation";
import { Button } from "./button";
import { FormError } from "./form-alert";
import { TextAreaField, TextField } from "./form-field";
import { useTasksApi } from "./tasks-api-provider";
import { useFormValidation } from "./use-form-validation";

type Field = "title" | "description";

export function TaskForm({ onCreated }: { onCreated: (task: Task) => void }) {
  const api = useTasksApi();
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({ title: "", description: "" });
  const [serverFieldErrors, setServerFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const validation = useFormValidation(TaskInputSchema, values);

  function change(field: Field, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setServerFieldErrors((current) => ({ ...current, [field]: undefined }));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const checked = validation.validate();
    if (!checked.ok) {
      (checked.firstInvalid === "description" ? descriptionRef : titleRef).current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    setServerFieldErrors({});
    try {
      const task = await api.create(checked.data);
      setValues({ title: "", description: "" });
      validation.reset();
      onCreated(task);
    } catch (caught) {
      const fields = apiFieldErrors(caught);
      const fieldErrors = { title: fields?.title, description: fields?.description };
      setServerFieldErrors(fieldErrors);
      const otherProblems = fields && !fieldErrors.title && !fieldErrors.description;
      setError(fields && !otherProblems ? "The task could not be added. Check the highlighted fields." : errorMessage(caught));
      if (fieldErrors.description && !fieldErrors.title) {
        descriptionRef.current?.focus();
        return;
      }
    } finally {
      setPending(false);
    }
    titleRef.current?.focus();
  }

  const errorId = `${id}-form-error`;

  return (
    <form noValidate onSubmit={handleSubmit} aria-describedby={error ? errorId : undefined} className="space-y-3">
      <TextField
        id={`${id}-title`}
        inputRef={titleRef}
        label="Title"
        name="title"
        placeholder="What needs doing?"
        autoComplete="off"
        value={values.title}
        onChange={(event) => change("title", event.target.value)}
        onBlur={() => validation.touch("title")}
        error={validation.errors.title ?? serverFieldErrors.title}
        readOnly={pending}
        required
      />
      <TextAreaField
        id={`${id}-description`}
        textareaRef={descriptionRef}
        label="Description (optional)"
        name="description"
        rows={2}
        value={values.description}
        onChange={(event) => change("description", event.target.value)}
        onBlur={() => validation.touch("description")}
        error={validation.errors.description ?? serverFieldErrors.description}
        readOnly={pending}
      />
      {error && <FormError id={errorId}>{error}</FormError>}
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add task"}
      </Button>
    </form>
  );
}
