"use client";
/**
 * Settings: delete the account, confirmed with its password (the server refuses without one).
 * Everything goes: the user, every session, the tasks. The browser lands on sign-in, told why.
 */
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useRef, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { describeAuthError, NETWORK_ERROR_MESSAGE } from "@/lib/auth/ui/auth-errors";
import { DeleteAccountSchema } from "@/lib/forms/schemas";
import { Button } from "../ui/button";
import { FormError } from "../ui/form-alert";
import { TextField } from "../ui/form-field";
import { useFormValidation } from "../ui/use-form-validation";

export function DeleteAccountForm() {
  const id = useId();
  const router = useRouter();
  const [values, setValues] = useState({ password: "" });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  const validation = useFormValidation(DeleteAccountSchema, values);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = validation.validate({ password: input.current });
    if (!data) return;
    setPending(true);
    setError(null);
    try {
      const { error: failure } = await authClient.deleteUser({ password: data.password });
      if (!failure) {
        router.replace("/signin?reason=account-deleted");
        router.refresh();
        return;
      }
      setError(describeAuthError(failure, "deleteUser"));
    } catch {
      setError(NETWORK_ERROR_MESSAGE);
    }
    setPending(false);
    input.current?.focus();
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4">
      <p className="text-sm text-zinc-700">
        This deletes your account and every task in it, and signs out every device. It cannot be undone.
      </p>
      {error && <FormError>{error}</FormError>}
      <TextField
        id={`${id}-password`}
        inputRef={(element) => {
          input.current = element;
        }}
        name="password"
        label="Your password, to confirm"
        type="password"
        autoComplete="current-password"
        required
        value={values.password}
        onChange={(event) => setValues({ password: event.target.value })}
        onBlur={() => validation.touch("password")}
        error={validation.errors.password}
        readOnly={pending}
      />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Deleting…" : "Delete my account"}
      </Button>
    </form>
  );
}
