"use client";
/** Settings: change the password (current + new + confirm), optionally signing out other sessions. */
import { useId, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { describeAuthError } from "@/lib/auth/ui/auth-errors";
import { PasswordChangeSchema } from "@/lib/forms/schemas";
import { TextField } from "../ui/form-field";
import { FormShell } from "../ui/form-shell";
import { useForm } from "../ui/use-form";
import { failure, success } from "../ui/use-submit";
import { useFreshSignIn } from "./fresh-sign-in";

type Field = "currentPassword" | "newPassword" | "confirmPassword";

const EMPTY: Record<Field, string> = { currentPassword: "", newPassword: "", confirmPassword: "" };

const FIELDS: { name: Field; label: string; autoComplete: string; hint?: string }[] = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  {
    name: "newPassword",
    label: "New password",
    autoComplete: "new-password",
    hint: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`,
  },
  { name: "confirmPassword", label: "Confirm new password", autoComplete: "new-password" },
];

export function PasswordForm() {
  const id = useId();
  const [revokeOtherSessions, setRevokeOtherSessions] = useState(true);
  const confirmed = useFreshSignIn();
  const form = useForm({
    schema: PasswordChangeSchema,
    initial: EMPTY,
    dismissOnEdit: true,
    action: async ({ currentPassword, newPassword }) => {
      const { error } = await confirmed(
        () => authClient.changePassword({ currentPassword, newPassword, revokeOtherSessions }),
        currentPassword,
      );
      if (error) {
        form.focus(error.code === "INVALID_PASSWORD" || error.status === 0 ? "currentPassword" : "newPassword");
        return failure(describeAuthError(error, "changePassword"));
      }
      form.reset(EMPTY);
      return success(
        revokeOtherSessions
          ? "Your password has been changed, and your other sessions were signed out."
          : "Your password has been changed.",
      );
    },
  });

  return (
    <FormShell form={form} submit="Change password" pendingSubmit="Changing password…" alertAt="end">
      {FIELDS.map(({ name, ...field }) => (
        <TextField key={name} {...form.field(name)} {...field} type="password" required />
      ))}
      <div className="flex items-start gap-2">
        <input
          id={`${id}-revoke`}
          type="checkbox"
          checked={revokeOtherSessions}
          onChange={(event) => setRevokeOtherSessions(event.target.checked)}
          disabled={form.pending}
          className="mt-0.5 size-4 accent-indigo-600"
        />
        <label htmlFor={`${id}-revoke`} className="text-sm text-zinc-700 dark:text-zinc-300">
          Sign out of all other sessions
        </label>
      </div>
    </FormShell>
  );
}
