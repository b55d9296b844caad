"use client";
/**
 * The new password, twice, under sign-up's policy, for the token of a reset link. Success ends
 * every session (the server's `revokeSessionsOnPasswordReset`), so it leads to sign-in; a used or
 * expired token says so and leads back to /forgot-password.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { authClient } from "@/lib/auth/client";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { authAnswer, describeAuthError } from "@/lib/auth/ui/auth-errors";
import { NewPasswordSchema } from "@/lib/forms/schemas";
import { NEW_PASSWORD, TextField } from "../ui/form-field";
import { FormShell } from "../ui/form-shell";
import { useForm } from "../ui/use-form";
import { failure, LEAVING } from "../ui/use-submit";

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const form = useForm({
    schema: NewPasswordSchema,
    initial: { password: "", confirmPassword: "" },
    action: async ({ password }) => {
      const { error } = await authAnswer(authClient.resetPassword({ newPassword: password, token }));
      if (!error) {
        router.replace("/signin?reason=password-reset");
        return LEAVING;
      }
      return failure(
        <>
          {describeAuthError(error, "resetPassword")}{" "}
          {error.code === "INVALID_TOKEN" && (
            <Link href="/forgot-password" className="font-semibold underline">
              Ask for a new link
            </Link>
          )}
        </>,
      );
    },
  });

  return (
    <FormShell form={form} submit="Set new password" pendingSubmit="Saving…" wide skeleton={2}>
      <TextField
        {...form.field("password")}
        {...NEW_PASSWORD}
        label="New password"
        hint={`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`}
      />
      <TextField {...form.field("confirmPassword")} {...NEW_PASSWORD} label="Confirm new password" />
    </FormShell>
  );
}
