"use client";
/**
 * Inline edit of a task's title and description. Enter in the title (or Ctrl/⌘+Enter in the
 * description) saves; Escape or Cancel leaves without saving.
 */
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { Task } from "@/lib/api";
import { apiFieldErrors, errorMessage } from "@/lib/error-message";
import { TaskInputSchema } from "@/lib/validation";
import { Button } from "./button";
import { FormError } from "./form-alert";
import { TextAreaField, TextField } from "./form-field";
import { useTasksApi } from "./tasks-api-provider";
import { useFormValidation } from "./use-form-validation";

type Field = "title" | "description";

export function TaskEditForm({ task, onSaved, onCancel }: { task: Task; onSaved: (task: Task) => void; onCancel: () => void }) {
  const api = useTasksApi();
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({ title: task.title, description: task.description ?? "" });
  const [serverFieldErrors, setServerFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const validation = useFormValidation(TaskInputSchema, values);

  useEffect(() => {
    titleRef.current?.focus();
    titleRef.current?.select();
  }, []);

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
    if (checked.data.title === task.title && checked.data.description === task.description) {
      onCancel();
      return;
    }
    setPending(true);
    setError(null);
    try {
      onSaved(await api.update(task.id, checked.data));
    } catch (caught) {
      const fields = apiFieldErrors(caught);
      setServerFieldErrors({ title: fields?.title, description: fields?.description });
      setError(
        fields?.title || fields?.description
          ? "The changes could not be saved. Check the highlighted fields."
          : errorMessage(caught),
      );
      setPending(false);
      (fields?.description && !fields.title ? descriptionRef : titleRef).current?.focus();
    }
  }

  function handleKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      if (pending) return;
      event.stopPropagation();
      onCancel();
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
      <TextField
        id={`${id}-title`}
        inputRef={titleRef}
        label="Title"
        name="title"
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
        rows={3}
        value={values.description}
        onChange={(event) => change("description", event.target.value)}
        onBlur={() => validation.touch("description")}
        error={validation.errors.description ?? serverFieldErrors.description}
        readOnly={pending}
      />
      {error && <FormError>{error}</FormError>}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <span className="text-xs text-zinc-500">Enter saves · Esc cancels</span>
      </div>
    </form>
  );
}
