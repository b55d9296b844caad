"use client";
/**
 * The title and description fields shared by the add form and the inline editor: their values,
 * client-side validation, the API's per-field errors, and the refs that move the focus.
 */
import { useId, useRef, useState } from "react";
import { TaskInputSchema } from "@/lib/forms/schemas";
import { apiFieldErrors } from "@/lib/tasks/error-message";
import { TextAreaField, TextField } from "../ui/form-field";
import { useFormValidation } from "../ui/use-form-validation";

type Field = "title" | "description";
export type TaskFieldValues = Record<Field, string>;

export function useTaskFields(initial: TaskFieldValues) {
  const id = useId();
  const [values, setValues] = useState<TaskFieldValues>(initial);
  const [serverErrors, setServerErrors] = useState<Partial<Record<Field, string>>>({});
  const titleRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const validation = useFormValidation(TaskInputSchema, values);

  return {
    id,
    values,
    serverErrors,
    titleRef,
    descriptionRef,
    validation,
    change(field: Field, value: string) {
      setValues((current) => ({ ...current, [field]: value }));
      setServerErrors((current) => ({ ...current, [field]: undefined }));
    },
    /** Validates; on failure focuses the first invalid field and returns null. */
    check() {
      return validation.validate({ title: titleRef.current, description: descriptionRef.current });
    },
    /**
     * Puts the API's 422 details on their fields. Returns whether they explain the whole failure
     * (so the caller can point at the fields rather than repeat a generic message).
     */
    showServerErrors(caught: unknown): boolean {
      const fields = apiFieldErrors(caught);
      const errors = { title: fields?.title, description: fields?.description };
      setServerErrors(errors);
      if (errors.description && !errors.title) descriptionRef.current?.focus();
      else titleRef.current?.focus();
      return Boolean(fields && (errors.title || errors.description) && Object.keys(fields).every((key) => key in errors));
    },
    clearServerErrors: () => setServerErrors({}),
    reset(next: TaskFieldValues) {
      setValues(next);
      setServerErrors({});
      validation.reset();
    },
  };
}

export type TaskFieldsState = ReturnType<typeof useTaskFields>;

export function TaskFields({
  fields,
  pending,
  descriptionRows,
  titlePlaceholder,
}: {
  fields: TaskFieldsState;
  pending: boolean;
  descriptionRows: number;
  titlePlaceholder?: string;
}) {
  const { id, values, validation, serverErrors } = fields;
  return (
    <>
      <TextField
        id={`${id}-title`}
        inputRef={fields.titleRef}
        label="Title"
        name="title"
        placeholder={titlePlaceholder}
        autoComplete="off"
        value={values.title}
        onChange={(event) => fields.change("title", event.target.value)}
        onBlur={() => validation.touch("title")}
        error={validation.errors.title ?? serverErrors.title}
        readOnly={pending}
        required
      />
      <TextAreaField
        id={`${id}-description`}
        textareaRef={fields.descriptionRef}
        label="Description (optional)"
        name="description"
        rows={descriptionRows}
        value={values.description}
        onChange={(event) => fields.change("description", event.target.value)}
        onBlur={() => validation.touch("description")}
        error={validation.errors.description ?? serverErrors.description}
        readOnly={pending}
      />
    </>
  );
}
