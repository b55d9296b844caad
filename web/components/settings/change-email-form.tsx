"use client";
/**
 * Settings: a new e-mail address (Better Auth `changeEmail`). The address changes only when the
 * link sent to the new one is opened; the current one gets a notice at the same time.
 */
import { authClient } from "@/lib/auth/client";
import { authAnswer, describeAuthError } from "@/lib/auth/ui/auth-errors";
import { ChangeEmailSchema } from "@/lib/forms/schemas";
import { TextField } from "../ui/form-field";
import { FormShell } from "../ui/form-shell";
import { useForm } from "../ui/use-form";
import { failure, success } from "../ui/use-submit";

export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  const form = useForm({
    schema: ChangeEmailSchema,
    initial: { newEmail: "" },
    dismissOnEdit: true,
    action: async ({ newEmail }) => {
      if (newEmail.toLowerCase() === currentEmail.toLowerCase()) return failure("That is already your email address.");
      const { error } = await authAnswer(authClient.changeEmail({ newEmail, callbackURL: "/verify-email?flow=change-email" }));
      if (error) return failure(describeAuthError(error, "changeEmail"));
      return success(
        `Open the link we sent to ${newEmail} to confirm it. Until then you keep signing in with ${currentEmail}, which we have told about the change.`,
      );
    },
  });

  return (
    <FormShell form={form} submit="Change email" pendingSubmit="Sending link…" alertAt="end">
      <TextField {...form.field("newEmail")} label="New email address" type="email" autoComplete="email" required />
    </FormShell>
  );
}
