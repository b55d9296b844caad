"use client";
/**
 * The new password, twice, under sign-up's policy, for the token of a reset link. Success ends
 * every session (the server's `revokeSessionsOnPasswordReset`), so it leads to sign-in; a used or
 * expired token says so and leads back to /forgot-password.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useRef, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { describeAuthError, NETWORK_ERROR_MESSAGE } from "@/lib/auth/ui/auth-errors";
import { NewPasswordSchema } from "@/lib/forms/schemas";
import { Button } from "../ui/button";
import { FormError } from "../ui/form-alert";
import { TextField } from "../ui/form-field";
import { useFormValidation } from "../ui/use-form-validation";
import { useHydrated } from "../ui/use-hydrated";
import { AuthFormSkeleton } from "./auth-form-skeleton";

type Field = "password" | "confirmPassword";

export function ResetPasswordForm({ token }: { token: string }) {
  const id = useId();
  const router = useRouter();
  const [values, setValues] = useState<Record<Field, string>>({ password: "", confirmPassword: "" });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; linkDead: boolean } | null>(null);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  const validation = useFormValidation(NewPasswordSchema, values);
  const hydrated = useHydrated();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = validation.validate(inputs.current);
    if (!data) return;
    setPending(true);
    setError(null);
    try {
      const { error: failure } = await authClient.resetPassword({ newPassword: data.password, token });
      if (!failure) {
        router.replace("/signin?reason=password-reset");
        return;
      }
      setError({ message: describeAuthError(failure, "resetPassword"), linkDead: failure.code === "INVALID_TOKEN" });
    } catch {
      setError({ message: NETWORK_ERROR_MESSAGE, linkDead: false });
    }
    setPending(false);
  }

  const field = (name: Field, label: string, hint?: string) => (
    <TextField
      id={`${id}-${name}`}
      inputRef={(element) => {
        inputs.current[name] = element;
      }}
      name={name}
      label={label}
      type="password"
      autoComplete="new-password"
      hint={hint}
      required
      value={values[name]}
      onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
      onBlur={() => validation.touch(name)}
      error={validation.errors[name]}
      readOnly={pending}
    />
  );

  if (!hydrated) return <AuthFormSkeleton fields={2} />;
  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4">
      {error && (
        <FormError>
          {error.message}{" "}
          {error.linkDead && (
            <Link href="/forgot-password" className="font-semibold underline">
              Ask for a new link
            </Link>
          )}
        </FormError>
      )}
      {field("password", "New password", `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`)}
      {field("confirmPassword", "Confirm new password")}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
