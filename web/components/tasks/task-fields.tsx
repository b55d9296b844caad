"use client";
/**
 * The title and description fields shared by the add form and the inline editor, and their one
 * lifecycle: `save` gets the checked input; when the API refuses it, its 422 details land on their
 * fields (the alert then points at them) and anything else is told in words.
 */

import { TaskInputSchema } from "@/lib/forms/schemas";
import type { TaskInput } from "@/lib/tasks/api";
import { apiFieldErrors, errorMessage } from "@/lib/tasks/error-message";
import { TextAreaField, TextField } from "../ui/form-field";
import { useForm } from "../ui/use-form";
import { failure, type Outcome } from "../ui/use-submit";

export type TaskFieldValues = { title: string; description: string };

/** `notSaved`: the alert's first sentence when the API's details explain the refusal. */
export function useTaskForm(initial: TaskFieldValues, save: (input: TaskInput) => Promise<void>, notSaved: string) {
  const form = useForm({
    schema: TaskInputSchema,
    initial,
    action: async (input): Promise<Outcome | null> => {
      try {
        await save(input);
        return null;
      } catch (caught) {
        const explained = form.showServerErrors(apiFieldErrors(caught));
        return failure(explained ? `${notSaved} Check the highlighted fields.` : errorMessage(caught));
      }
    },
  });
  return form;
}

export type TaskFormState = ReturnType<typeof useTaskForm>;

export function TaskFields({
  form,
  descriptionRows,
  titlePlaceholder,
}: {
  form: TaskFormState;
  descriptionRows: number;
  titlePlaceholder?: string;
}) {
  return (
    <>
      <TextField {...form.field("title")} label="Title" placeholder={titlePlaceholder} autoComplete="off" required />
      <TextAreaField {...form.field("description")} label="Description (optional)" rows={descriptionRows} />
    </>
  );
}
