"use client";
/** Settings: change the display name (Better Auth `updateUser`). */
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useRef, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { describeAuthError, NETWORK_ERROR_MESSAGE } from "@/lib/auth/ui/auth-errors";
import { ProfileUpdateSchema } from "@/lib/forms/schemas";
import { Button } from "../ui/button";
import { FormError, FormSuccess } from "../ui/form-alert";
import { TextField } from "../ui/form-field";
import { useFormValidation } from "../ui/use-form-validation";

export function ProfileForm({ initialName, email }: { initialName: string; email: string }) {
  const router = useRouter();
  const id = useId();
  const [values, setValues] = useState({ name: initialName });
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const validation = useFormValidation(ProfileUpdateSchema, values);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = validation.validate({ name: nameRef.current });
    if (!data) return;
    setPending(true);
    setResult(null);
    let message: string | null = null;
    try {
      const { error } = await authClient.updateUser({ name: data.name });
      if (error) message = describeAuthError(error, "updateUser");
    } catch {
      message = NETWORK_ERROR_MESSAGE;
    }
    setPending(false);
    if (message) {
      setResult({ ok: false, message });
      nameRef.current?.focus();
      return;
    }
    setValues({ name: data.name });
    setResult({ ok: true, message: "Your name has been updated." });
    // Server components (the app shell) read the name from the session: render them again.
    router.refresh();
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4">
      <TextField id={`${id}-email`} label="Email" value={email} readOnly hint="Change it under Email address, below." />
      <TextField
        id={`${id}-name`}
        inputRef={nameRef}
        label="Name"
        name="name"
        autoComplete="name"
        value={values.name}
        onChange={(event) => {
          setValues({ name: event.target.value });
          setResult(null);
        }}
        onBlur={() => validation.touch("name")}
        error={validation.errors.name}
        readOnly={pending}
        required
      />
      {result && (result.ok ? <FormSuccess>{result.message}</FormSuccess> : <FormError>{result.message}</FormError>)}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}
