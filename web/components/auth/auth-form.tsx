"use client";
/**
 * The sign-in and sign-up form: inline validation, a pending state, the server's answer in an
 * alert, and after success a redirect to `?from=` (same-site paths only). When the address must be
 * verified first, sign-up turns into "check your inbox" and an unverified sign-in offers the link
 * again.
 */
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useId, useRef, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { signInNotice } from "@/lib/auth/ui/account-reasons";
import { type AuthClientError, describeAuthError, NETWORK_ERROR_MESSAGE } from "@/lib/auth/ui/auth-errors";
import { safeRedirectPath } from "@/lib/auth/ui/safe-redirect";
import { SignInSchema, SignUpSchema } from "@/lib/forms/schemas";
import { Button } from "../ui/button";
import { FormError, FormNotice } from "../ui/form-alert";
import { TextField } from "../ui/form-field";
import { useFormValidation } from "../ui/use-form-validation";
import { CheckInbox } from "./check-inbox";
import { ResendVerification } from "./resend-verification";

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

/** The error, or whether a session was started (not when the address must be verified first). */
async function callAuth(
  mode: AuthMode,
  data: Record<string, string>,
): Promise<{ error: AuthClientError | null; signedIn: boolean }> {
  try {
    if (mode === "signin") {
      const { error } = await authClient.signIn.email({ email: data.email ?? "", password: data.password ?? "" });
      return { error: error ?? null, signedIn: !error };
    }
    const { data: created, error } = await authClient.signUp.email({
      name: data.name ?? "",
      email: data.email ?? "",
      password: data.password ?? "",
      // Where the verification link returns (the server points every link there anyway).
      callbackURL: "/verify-email",
    });
    return { error: error ?? null, signedIn: Boolean(created?.token) };
  } catch {
    // better-fetch throws when the request never got an answer (offline, DNS, CORS).
    return { error: { status: 0, message: NETWORK_ERROR_MESSAGE }, signedIn: false };
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
  const notice = mode === "signin" ? signInNotice(searchParams.get("reason")) : undefined;
  const idPrefix = useId();
  const [values, setValues] = useState(() => emptyValues(mode));
  const [serverError, setServerError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  /** The address waiting for its verification link: after sign-up, or after an unverified sign-in. */
  const [inbox, setInbox] = useState<string | null>(null);
  const [unverified, setUnverified] = useState<string | null>(null);
  const inputs = useRef<Partial<Record<FieldName, HTMLInputElement | null>>>({});
  const validation = useFormValidation(config.schema, values);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = validation.validate(inputs.current);
    if (!data) return;
    setServerError(null);
    setUnverified(null);
    setPending(true);
    const { error, signedIn } = await callAuth(mode, data as Record<string, string>);
    if (error) {
      setPending(false);
      setServerError(describeAuthError(error, mode === "signin" ? "signIn" : "signUp"));
      if (error.code === "EMAIL_NOT_VERIFIED") setUnverified(String(data.email));
      // Put the cursor where the fix most likely goes (the submit button lost focus while disabled).
      inputs.current[fieldToFix(error)]?.focus();
      return;
    }
    if (!signedIn) {
      setPending(false);
      setInbox(String(data.email));
      return;
    }
    // Stay pending while the next page loads, so the form cannot be sent twice.
    router.replace(safeRedirectPath(from));
    router.refresh();
  }

  const switchHref = from ? `${config.switchHref}?from=${encodeURIComponent(from)}` : config.switchHref;

  if (inbox) return <CheckInbox email={inbox} />;

  return (
    <div className="space-y-6">
      <form noValidate onSubmit={handleSubmit} className="space-y-4">
        {serverError ? <FormError>{serverError}</FormError> : notice && <FormNotice>{notice}</FormNotice>}
        {unverified && <ResendVerification email={unverified} label="Send me the link again" />}
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
        {mode === "signin" && (
          <p className="text-center text-sm">
            <Link href="/forgot-password" className="font-semibold text-indigo-700 underline-offset-2 hover:underline">
              Forgot your password?
            </Link>
          </p>
        )}
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
