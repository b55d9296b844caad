"use client";
/**
 * The sign-in and sign-up form: inline validation, a pending state, the server's answer in an
 * alert, and after success a redirect to `?from=` (same-site paths only). When the address must be
 * verified first, sign-up turns into "check your inbox" and an unverified sign-in offers the link
 * again. With two-factor on, a right password leads to the code step (/two-factor). Sign-in also
 * offers passkeys: a button, and the browser's autofill on the e-mail field (passkey-sign-in.tsx).
 */
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { authClient } from "@/lib/auth/client";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { signInNotice } from "@/lib/auth/ui/account-reasons";
import { type AuthClientError, authAnswer, describeAuthError } from "@/lib/auth/ui/auth-errors";
import { safeRedirectPath } from "@/lib/auth/ui/safe-redirect";
import { SignInSchema, SignUpSchema } from "@/lib/forms/schemas";
import { TextField } from "../ui/form-field";
import { FormShell } from "../ui/form-shell";
import { useForm } from "../ui/use-form";
import { failure, LEAVING, type Outcome, success } from "../ui/use-submit";
import { CheckInbox } from "./check-inbox";
import { PasskeySignIn } from "./passkey-sign-in";
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
      // `webauthn`: the browser may offer this site's passkeys in the field's autofill.
      { name: "email", label: "Email", type: "email", autoComplete: "username webauthn" },
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
  data: Partial<Record<FieldName, string>>,
): Promise<{ error: AuthClientError | null; signedIn: boolean; codeStep?: boolean }> {
  if (mode === "signin") {
    const answer = await authAnswer(authClient.signIn.email({ email: data.email ?? "", password: data.password ?? "" }));
    // Two-factor on: the password was right, and a code comes next (the session comes after it).
    const codeStep = Boolean(answer.data && "twoFactorRedirect" in answer.data && answer.data.twoFactorRedirect);
    return { error: answer.error, signedIn: !answer.error && !codeStep, codeStep };
  }
  const { data: created, error } = await authAnswer(
    authClient.signUp.email({
      name: data.name ?? "",
      email: data.email ?? "",
      password: data.password ?? "",
      // Where the verification link returns (the server points every link there anyway).
      callbackURL: "/verify-email",
    }),
  );
  return { error, signedIn: Boolean(created?.token) };
}

function fieldToFix(error: AuthClientError): FieldName {
  if (error.code?.startsWith("USER_ALREADY_EXISTS")) return "email";
  if (error.code === "INVALID_EMAIL") return "email";
  return "password";
}

/** Besides the message: the address waiting for its verification link (after sign-up, or an unverified sign-in). */
type AuthOutcome = Outcome & { inbox?: string; unverified?: string };

export function AuthForm({ mode }: { mode: AuthMode }) {
  const config = MODES[mode];
  const router = useRouter();
  const searchParams = useSearchParams();
  const from = searchParams.get("from");
  const notice = mode === "signin" ? signInNotice(searchParams.get("reason")) : undefined;
  const enterApp = () => {
    router.replace(safeRedirectPath(from));
    router.refresh();
  };
  const form = useForm<ModeConfig["schema"], FieldName, AuthOutcome>({
    schema: config.schema,
    initial: emptyValues(mode),
    action: async (data) => {
      const email = String(data.email);
      const { error, signedIn, codeStep } = await callAuth(mode, data);
      if (error) {
        // Put the cursor where the fix most likely goes (the submit button lost focus while disabled).
        form.focus(fieldToFix(error));
        return {
          ...failure(describeAuthError(error, mode === "signin" ? "signIn" : "signUp")),
          unverified: error.code === "EMAIL_NOT_VERIFIED" ? email : undefined,
        };
      }
      if (codeStep) {
        router.push(from ? `/two-factor?from=${encodeURIComponent(from)}` : "/two-factor");
        return LEAVING;
      }
      if (!signedIn) return { ...success(null), inbox: email };
      enterApp();
      return LEAVING;
    },
  });

  const switchHref = from ? `${config.switchHref}?from=${encodeURIComponent(from)}` : config.switchHref;

  if (form.outcome?.inbox) return <CheckInbox email={form.outcome.inbox} />;

  return (
    <div className="space-y-6">
      <FormShell
        form={form}
        submit={config.submit}
        pendingSubmit={config.pending}
        wide
        skeleton={config.fields.length}
        notice={notice}
        footer={
          mode === "signin" && (
            <p className="text-center text-sm">
              <Link
                href="/forgot-password"
                className="font-semibold text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline"
              >
                Forgot your password?
              </Link>
            </p>
          )
        }
      >
        {form.outcome?.unverified && <ResendVerification email={form.outcome.unverified} label="Send me the link again" />}
        {config.fields.map(({ name, ...field }) => (
          <TextField key={name} {...form.field(name)} {...field} required />
        ))}
      </FormShell>
      {mode === "signin" && <PasskeySignIn onSignedIn={enterApp} />}
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        {config.switchText}{" "}
        <Link href={switchHref} className="font-semibold text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline">
          {config.switchLink}
        </Link>
      </p>
    </div>
  );
}
