"use client";
/**
 * The sign-in and sign-up form: inline validation, a pending state, the server's answer in an
 * alert, and after success a redirect to `?from=` (same-site paths only).
 */
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useId, useRef, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { type AuthClientError, describeAuthError, NETWORK_ERROR_MESSAGE } from "@/lib/auth-errors";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { SESSION_ENDED_MESSAGE, SESSION_ENDED_REASON } from "@/lib/session-ended";
import { SignInSchema, SignUpSchema } from "@/lib/validation";
import { Button } from "../ui/button";
import { FormError, FormNotice } from "../ui/form-alert";
import { TextField } from "../ui/form-field";
import { useFormValidation } from "../ui/use-form-validation";

export type AuthMode = "signin" | "signup";

type FieldName = "name" | "email" | "password" | "confirmPassword";
type FieldSpec = { name: FieldName; label: string; type: string; autoComplete: string; hint?: string };

type ModeConfig = {
  schema: typeof SignInSchema | typeof SignUpSchema;
  fields: FieldSpec[];
  submit: string;
  pending: string;
  switchText: string;
  switchLink: string;
  switchHref: string;
};

const PASSWORD_HINT = `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`;

const MODES: Record<AuthMode, ModeConfig> = {
  signin: {
    schema: SignInSchema,
    fields: [
      { name: "email", label: "Email", type: "email", autoComplete: "email" },
      { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
    ],
    submit: "Sign in",
    pending: "Signing in…",
    switchText: "New here?",
    switchLink: "Create an account",
    switchHref: "/signup",
  },
  signup: {
    schema: SignUpSchema,
    fields: [
      { name: "name", label: "Name", type: "text", autoComplete: "name" },
      { name: "email", label: "Email", type: "email", autoComplete: "email" },
      { name: "password", label: "Password", type: "password", autoComplete: "new-password", hint: PASSWORD_HINT },
      { name: "confirmPassword", label: "Confirm password", type: "password", autoComplete: "new-password" },
    ],
    submit: "Create account",
    pending: "Creating account…",
    switchText: "Already have an account?",
    switchLink: "Sign in",
    switchHref: "/signin",
  },
};

function emptyValues(mode: AuthMode): Partial<Record<FieldName, string>> {
  return Object.fromEntries(MODES[mode].fields.map((field) => [field.name, ""]));
}

async function callAuth(mode: AuthMode, data: Record<string, string>): Promise<AuthClientError | null> {
  try {
    const { error } =
      mode === "signin"
        ? await authClient.signIn.email({ email: data.email ?? "", password: data.password ?? "" })
        : await authClient.signUp.email({ name: data.name ?? "", email: data.email ?? "", password: data.password ?? "" });
    return error ?? null;
  } catch {
    // better-fetch throws when the request never got an answer (offline, DNS, CORS).
    return { status: 0, message: NETWORK_ERROR_MESSAGE };
  }
}

function fieldToFix(error: AuthClientError): FieldName {
  if (error.code?.startsWith("USER_ALREADY_EXISTS")) return "email";
  if (error.code === "INVALID_EMAIL") return "email";
  return "password";
}

export function AuthForm({ mode }: { mode: AuthMode }) {
  const config = MODES[mode];
  const router = useRouter();
  const searchParams = useSearchParams();
  const from = searchParams.get("from");
  const sessionEnded = mode === "signin" && searchParams.get("reason") === SESSION_ENDED_REASON;
  const idPrefix = useId();
  const [values, setValues] = useState(() => emptyValues(mode));
  const [serverError, setServerError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const inputs = useRef<Partial<Record<FieldName, HTMLInputElement | null>>>({});
  const validation = useFormValidation(config.schema, values);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = validation.validate(inputs.current);
    if (!data) return;
    setServerError(null);
    setPending(true);
    const error = await callAuth(mode, data as Record<string, string>);
    if (error) {
      setPending(false);
      setServerError(describeAuthError(error, mode === "signin" ? "signIn" : "signUp"));
      // Put the cursor where the fix most likely goes (the submit button lost focus while disabled).
      inputs.current[fieldToFix(error)]?.focus();
      return;
    }
    // Stay pending while the next page loads, so the form cannot be sent twice.
    router.replace(safeRedirectPath(from));
    router.refresh();
  }

  const switchHref = from ? `${config.switchHref}?from=${encodeURIComponent(from)}` : config.switchHref;

  return (
    <div className="space-y-6">
      <form noValidate onSubmit={handleSubmit} className="space-y-4">
        {serverError ? <FormError>{serverError}</FormError> : sessionEnded && <FormNotice>{SESSION_ENDED_MESSAGE}</FormNotice>}
        {config.fields.map((field) => (
          <TextField
            key={field.name}
            id={`${idPrefix}-${field.name}`}
            inputRef={(element) => {
              inputs.current[field.name] = element;
            }}
            name={field.name}
            label={field.label}
            type={field.type}
            autoComplete={field.autoComplete}
            hint={field.hint}
            required
            value={values[field.name] ?? ""}
            onChange={(event) => setValues((current) => ({ ...current, [field.name]: event.target.value }))}
            onBlur={() => validation.touch(field.name)}
            error={validation.errors[field.name]}
            readOnly={pending}
          />
        ))}
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? config.pending : config.submit}
        </Button>
      </form>
      <p className="text-center text-sm text-zinc-600">
        {config.switchText}{" "}
        <Link href={switchHref} className="font-semibold text-indigo-700 underline-offset-2 hover:underline">
          {config.switchLink}
        </Link>
      </p>
    </div>
  );
}
