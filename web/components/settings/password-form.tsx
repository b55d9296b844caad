"use client";
/** Settings: change the password (current + new + confirm), optionally signing out other sessions. */
import { type FormEvent, useId, useRef, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { describeAuthError, NETWORK_ERROR_MESSAGE } from "@/lib/auth/ui/auth-errors";
import { PasswordChangeSchema } from "@/lib/forms/schemas";
import { Button } from "../ui/button";
import { FormError, FormSuccess } from "../ui/form-alert";
import { TextField } from "../ui/form-field";
import { useFormValidation } from "../ui/use-form-validation";

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
  const [values, setValues] = useState(EMPTY);
  const [revokeOtherSessions, setRevokeOtherSessions] = useState(true);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  const validation = useFormValidation(PasswordChangeSchema, values);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = validation.validate(inputs.current);
    if (!data) return;
    setPending(true);
    setResult(null);
    let failure: { message: string; field: Field } | null = null;
    try {
      const { error } = await authClient.changePassword({
        currentPassword: data.currentPassword,
        newPassword: data.newPassword,
        revokeOtherSessions,
      });
      if (error) {
        failure = {
          message: describeAuthError(error, "changePassword"),
          field: error.code === "INVALID_PASSWORD" ? "currentPassword" : "newPassword",
        };
      }
    } catch {
      failure = { message: NETWORK_ERROR_MESSAGE, field: "currentPassword" };
    }
    setPending(false);
    if (failure) {
      setResult({ ok: false, message: failure.message });
      inputs.current[failure.field]?.focus();
      return;
    }
    setValues(EMPTY);
    validation.reset();
    setResult({
      ok: true,
      message: revokeOtherSessions
        ? "Your password has been changed, and your other sessions were signed out."
        : "Your password has been changed.",
    });
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4">
      {FIELDS.map((field) => (
        <TextField
          key={field.name}
          id={`${id}-${field.name}`}
          inputRef={(element) => {
            inputs.current[field.name] = element;
          }}
          label={field.label}
          name={field.name}
          type="password"
          autoComplete={field.autoComplete}
          hint={field.hint}
          value={values[field.name]}
          onChange={(event) => {
            setValues((current) => ({ ...current, [field.name]: event.target.value }));
            setResult(null);
          }}
          onBlur={() => validation.touch(field.name)}
          error={validation.errors[field.name]}
          readOnly={pending}
          required
        />
      ))}
      <div className="flex items-start gap-2">
        <input
          id={`${id}-revoke`}
          type="checkbox"
          checked={revokeOtherSessions}
          onChange={(event) => setRevokeOtherSessions(event.target.checked)}
          disabled={pending}
          className="mt-0.5 size-4 accent-indigo-600"
        />
        <label htmlFor={`${id}-revoke`} className="text-sm text-zinc-700">
          Sign out of all other sessions
        </label>
      </div>
      {result && (result.ok ? <FormSuccess>{result.message}</FormSuccess> : <FormError>{result.message}</FormError>)}
      <Button type="submit" disabled={pending}>
        {pending ? "Changing password…" : "Change password"}
      </Button>
    </form>
  );
}
