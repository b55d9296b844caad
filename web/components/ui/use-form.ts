"use client";
/**
 * A form of text fields: their values, inline validation (use-form-validation.ts), the server's
 * per-field messages, the props that bind each field, and the submit lifecycle (use-submit.ts).
 * `onSubmit` validates: an invalid form moves the focus to its first invalid field and sends
 * nothing; a valid one runs `action` with the schema's parsed data. Fields are read-only (not
 * disabled, so they keep the focus) while it runs, and keep what was typed whatever the answer.
 */
import { useId, useRef, useState } from "react";
import type * as v from "valibot";
import { useFormValidation } from "./use-form-validation";
import { type Answer, type Outcome, useSubmit } from "./use-submit";

type Control = HTMLInputElement | HTMLTextAreaElement;

type FormOptions<Schema extends v.GenericSchema, Field extends string, O extends Outcome> = {
  schema: Schema;
  /** The form's fields and their first values. */
  initial: Partial<Record<Field, string>>;
  action: (data: v.InferOutput<Schema>) => Promise<Answer<O>>;
  /** Hide the last outcome as soon as a field changes (it no longer describes what is typed). */
  dismissOnEdit?: boolean;
};

export function useForm<Schema extends v.GenericSchema, Field extends string, O extends Outcome = Outcome>({
  schema,
  initial,
  action,
  dismissOnEdit = false,
}: FormOptions<Schema, Field, O>) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [serverErrors, setServerErrors] = useState<Partial<Record<Field, string>>>({});
  const controls = useRef<Partial<Record<Field, Control | null>>>({});
  const validation = useFormValidation(schema, values);
  const submission = useSubmit(action);
  const fieldNames = Object.keys(initial) as Field[];

  function set(name: Field, value: string) {
    setValues((current) => ({ ...current, [name]: value }));
    setServerErrors((current) => (current[name] ? { ...current, [name]: undefined } : current));
    if (dismissOnEdit) submission.dismiss();
  }

  return {
    ...submission,
    values,
    /** Each field's element, once rendered (a stable ref). */
    controls,
    /** The props that bind a `TextField` or `TextAreaField` to `name`. */
    field(name: Field) {
      return {
        id: `${id}-${name}`,
        name,
        value: values[name] ?? "",
        ref: (element: Control | null) => {
          controls.current[name] = element;
        },
        onChange: (event: { target: { value: string } }) => set(name, event.target.value),
        onBlur: () => validation.touch(name),
        error: validation.errors[name] ?? serverErrors[name],
        readOnly: submission.pending,
      };
    },
    focus: (name: Field) => controls.current[name]?.focus(),
    /**
     * Shows the server's messages (an API's 422 details) on their fields until each is edited, and
     * focuses the first of them. Returns whether they explain the whole refusal: they name only
     * fields of this form, so the alert can point at the fields rather than repeat a generic message.
     */
    showServerErrors(messages: Record<string, string> | null): boolean {
      const shown: Partial<Record<Field, string>> = {};
      for (const name of fieldNames) shown[name] = messages?.[name];
      setServerErrors(shown);
      const first = fieldNames.find((name) => shown[name]);
      controls.current[first ?? (fieldNames[0] as Field)]?.focus();
      return Boolean(messages && first && Object.keys(messages).every((key) => key in shown));
    },
    /** Back to `next` with no message shown (after a run that clears the form). */
    reset(next: Partial<Record<Field, string>>) {
      setValues(next);
      setServerErrors({});
      validation.reset();
    },
    onSubmit(event: { preventDefault(): void }) {
      event.preventDefault();
      const data = validation.validate(controls.current);
      if (!data) return;
      setServerErrors({});
      submission.run(data);
    },
  };
}
