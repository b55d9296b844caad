"use client";
/**
 * One e-mail field that asks for a link: a password reset (/forgot-password) or a new
 * verification link (/verify-email after a bad link). The answer is the same whether or not an
 * account exists, as the server's is: the page never tells who has an account.
 */
import { type FormEvent, useId, useRef, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { describeAuthError, NETWORK_ERROR_MESSAGE } from "@/lib/auth/ui/auth-errors";
import { EmailOnlySchema } from "@/lib/forms/schemas";
import { Button } from "../ui/button";
import { FormError, FormSuccess } from "../ui/form-alert";
import { TextField } from "../ui/form-field";
import { useFormValidation } from "../ui/use-form-validation";
import { useHydrated } from "../ui/use-hydrated";
import { AuthFormSkeleton } from "./auth-form-skeleton";

export type LinkKind = "reset-password" | "verify-email";

const KINDS: Record<LinkKind, { submit: string; pending: string; sent: (email: string) => string }> = {
  "reset-password": {
    submit: "Send me a reset link",
    pending: "Sending…",
    sent: (email) =>
      `If an account exists for ${email}, we sent it a link to choose a new password. The link works once, for one hour.`,
  },
  "verify-email": {
    submit: "Send me a new link",
    pending: "Sending…",
    sent: (email) => `If ${email} has an account waiting for verification, we sent it a new link. It works for one hour.`,
  },
};

async function ask(kind: LinkKind, email: string) {
  return kind === "reset-password"
    ? authClient.requestPasswordReset({ email, redirectTo: "/reset-password" })
    : authClient.sendVerificationEmail({ email, callbackURL: "/verify-email" });
}

export function EmailLinkForm({ kind }: { kind: LinkKind }) {
  const config = KINDS[kind];
  const id = useId();
  const [values, setValues] = useState({ email: "" });
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  const validation = useFormValidation(EmailOnlySchema, values);
  const hydrated = useHydrated();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = validation.validate({ email: input.current });
    if (!data) return;
    setPending(true);
    setResult(null);
    let message: string | null = null;
    try {
      const { error } = await ask(kind, data.email);
      if (error) message = describeAuthError(error, kind === "reset-password" ? "requestPasswordReset" : "sendVerificationEmail");
    } catch {
      message = NETWORK_ERROR_MESSAGE;
    }
    setPending(false);
    setResult(message ? { ok: false, message } : { ok: true, message: config.sent(data.email) });
  }

  if (!hydrated) return <AuthFormSkeleton fields={1} />;
  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4">
      {result && (result.ok ? <FormSuccess>{result.message}</FormSuccess> : <FormError>{result.message}</FormError>)}
      <TextField
        id={`${id}-email`}
        inputRef={(element) => {
          input.current = element;
        }}
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        value={values.email}
        onChange={(event) => setValues({ email: event.target.value })}
        onBlur={() => validation.touch("email")}
        error={validation.errors.email}
        readOnly={pending}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? config.pending : config.submit}
      </Button>
    </form>
  );
}
