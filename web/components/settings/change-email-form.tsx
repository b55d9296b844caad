"use client";
/**
 * Settings: a new e-mail address (Better Auth `changeEmail`), confirmed with the current password.
 * The current address confirms first (its mail can also cancel the change); then a link goes to
 * the new one, and the address changes only when that is opened.
 */
import { authClient } from "@/lib/auth/client";
import { describeAuthError } from "@/lib/auth/ui/auth-errors";
import { ChangeEmailSchema } from "@/lib/forms/schemas";
import { CURRENT_PASSWORD, TextField } from "../ui/form-field";
import { FormShell } from "../ui/form-shell";
import { useForm } from "../ui/use-form";
import { failure, success } from "../ui/use-submit";
import { useFreshSignIn } from "./fresh-sign-in";

export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  const confirmed = useFreshSignIn();
  const form = useForm({
    schema: ChangeEmailSchema,
    initial: { newEmail: "", password: "" },
    dismissOnEdit: true,
    action: async ({ newEmail, password }) => {
      if (newEmail.toLowerCase() === currentEmail.toLowerCase()) return failure("That is already your email address.");
      const { error } = await confirmed(
        () =>
          authClient.changeEmail({
            newEmail,
            callbackURL: "/verify-email?flow=change-email",
            // Checked by the server's confirmed-email-change plugin; Better Auth's own body type has no
            // password, and the client merges `fetchOptions.body` into the request's body.
            fetchOptions: { body: { password } },
          }),
        password,
      );
      if (error) return failure(describeAuthError(error, "changeEmail"));
      return success(
        `Open the link we sent to ${currentEmail} to confirm the change, then the one we send to ${newEmail}. Until then you keep signing in with ${currentEmail}.`,
      );
    },
  });

  return (
    <FormShell form={form} submit="Change email" pendingSubmit="Sending link…" alertAt="end">
      <TextField {...form.field("newEmail")} label="New email address" type="email" autoComplete="email" required />
      <TextField {...form.field("password")} {...CURRENT_PASSWORD} label="Your current password" />
    </FormShell>
  );
}
