"use client";
/**
 * Settings: a new e-mail address (Better Auth `changeEmail`). The address changes only when the
 * link sent to the new one is opened; the current one gets a notice at the same time.
 */
import { type FormEvent, useId, useRef, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { describeAuthError, NETWORK_ERROR_MESSAGE } from "@/lib/auth/ui/auth-errors";
import { ChangeEmailSchema } from "@/lib/forms/schemas";
import { Button } from "../ui/button";
import { FormError, FormSuccess } from "../ui/form-alert";
import { TextField } from "../ui/form-field";
import { useFormValidation } from "../ui/use-form-validation";

export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  const id = useId();
  const [values, setValues] = useState({ newEmail: "" });
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  const validation = useFormValidation(ChangeEmailSchema, values);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = validation.validate({ newEmail: input.current });
    if (!data) return;
    if (data.newEmail.toLowerCase() === currentEmail.toLowerCase()) {
      setResult({ ok: false, message: "That is already your email address." });
      return;
    }
    setPending(true);
    setResult(null);
    let message: string | null = null;
    try {
      const { error } = await authClient.changeEmail({ newEmail: data.newEmail, callbackURL: "/verify-email?flow=change-email" });
      if (error) message = describeAuthError(error, "changeEmail");
    } catch {
      message = NETWORK_ERROR_MESSAGE;
    }
    setPending(false);
    setResult(
      message
        ? { ok: false, message }
        : {
            ok: true,
            message: `Open the link we sent to ${data.newEmail} to confirm it. Until then you keep signing in with ${currentEmail}, which we have told about the change.`,
          },
    );
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4">
      <TextField
        id={`${id}-new-email`}
        inputRef={(element) => {
          input.current = element;
        }}
        name="newEmail"
        label="New email address"
        type="email"
        autoComplete="email"
        required
        value={values.newEmail}
        onChange={(event) => {
          setValues({ newEmail: event.target.value });
          setResult(null);
        }}
        onBlur={() => validation.touch("newEmail")}
        error={validation.errors.newEmail}
        readOnly={pending}
      />
      {result && (result.ok ? <FormSuccess>{result.message}</FormSuccess> : <FormError>{result.message}</FormError>)}
      <Button type="submit" disabled={pending}>
        {pending ? "Sending link…" : "Change email"}
      </Button>
    </form>
  );
}
