"use client";
/**
 * Inline validation against a valibot schema. Errors are derived from the current values on every
 * render, so a message disappears as soon as the input is fixed; a field's message is shown once
 * the user has left it with something typed, or after a submit attempt.
 */
import { useState } from "react";
import * as v from "valibot";
import { type FieldErrors, firstFieldErrors } from "@/lib/forms/schemas";

export function useFormValidation<Schema extends v.GenericSchema, Field extends string>(
  schema: Schema,
  values: Partial<Record<Field, unknown>>,
) {
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);

  const result = v.safeParse(schema, values);
  const allErrors: FieldErrors = result.success ? {} : firstFieldErrors(result.issues);
  const errors: FieldErrors<Field> = {};
  for (const field of Object.keys(values) as Field[]) {
    if (submitted || shown.has(field)) errors[field] = allErrors[field];
  }

  return {
    errors,
    /** For `onBlur`: show the field's message if the user typed something. */
    touch(field: Field) {
      const value = values[field];
      if (typeof value === "string" && value.length === 0) return;
      setShown((current) => (current.has(field) ? current : new Set(current).add(field)));
    },
    /**
     * On submit: shows every message; returns the parsed data, or null after moving the focus to
     * the first invalid field among `controls`.
     */
    validate(controls: Partial<Record<Field, { focus(): void } | null>>): v.InferOutput<Schema> | null {
      setSubmitted(true);
      if (result.success) return result.output;
      const firstInvalid =
        (Object.keys(values) as Field[]).find((field) => allErrors[field]) ?? (Object.keys(values)[0] as Field);
      controls[firstInvalid]?.focus();
      return null;
    },
    /** After a successful submit that clears the form. */
    reset() {
      setShown(new Set());
      setSubmitted(false);
    },
  };
}
