"use client";
/**
 * Settings → Two-factor authentication. Off: the password starts the setup (a person who signs in
 * only with a provider has none, and is told how to set one: the reset by e-mail creates it, as
 * web/test/two-factor.workers.test.ts checks). Setup: a QR code and
 * the secret as text for the authenticator app; the first code from the app turns it on (until
 * then nothing changes at sign-in). Then the ten recovery codes, shown once. On: new recovery
 * codes (the old ones stop working) or turning it off, each with the password.
 */
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { authClient } from "@/lib/auth/client";
import { authAnswer, describeAuthError } from "@/lib/auth/ui/auth-errors";
import { ConfirmPasswordSchema, TwoFactorCodeSchema } from "@/lib/forms/schemas";
import { CURRENT_PASSWORD, TextField } from "../ui/form-field";
import { FormShell } from "../ui/form-shell";
import { useForm } from "../ui/use-form";
import { failure } from "../ui/use-submit";
import { useFreshSignIn } from "./fresh-sign-in";
import { RecoveryCodes } from "./recovery-codes";

// Drawn only in the browser, after the password: the server never renders it, so the QR encoder
// stays out of the web worker (its 1.5 MiB gzip budget).
const QrCode = dynamic(() => import("./qr-code").then((module) => module.QrCode), {
  ssr: false,
  loading: () => <div className="size-48 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />,
});

type State =
  | { step: "off" }
  | { step: "setup"; totpURI: string; backupCodes: string[] }
  | { step: "codes"; backupCodes: string[] }
  | { step: "on" };

/** The secret in the otpauth:// URI, in groups of four for typing into an app by hand. */
const secretOf = (totpURI: string) => (new URL(totpURI).searchParams.get("secret") ?? "").replace(/(.{4})(?=.)/g, "$1 ");

function PasswordForm({
  submit,
  pending,
  variant,
  onPassword,
}: {
  submit: string;
  pending: string;
  variant?: "primary" | "secondary" | "danger";
  onPassword: (password: string) => Promise<ReturnType<typeof failure> | null>;
}) {
  const form = useForm({
    schema: ConfirmPasswordSchema,
    initial: { password: "" },
    dismissOnEdit: true,
    action: async ({ password }) => {
      const answer = await onPassword(password);
      if (answer) form.focus("password");
      return answer;
    },
  });
  return (
    <FormShell form={form} submit={submit} pendingSubmit={pending} variant={variant} alertAt="end">
      <TextField {...form.field("password")} {...CURRENT_PASSWORD} label="Your password" />
    </FormShell>
  );
}

function ConfirmSetup({ totpURI, onConfirmed }: { totpURI: string; onConfirmed: () => void }) {
  const form = useForm({
    schema: TwoFactorCodeSchema,
    initial: { code: "" },
    dismissOnEdit: true,
    action: async ({ code }) => {
      const { error } = await authAnswer(authClient.twoFactor.verifyTotp({ code }));
      if (error) {
        form.focus("code");
        return failure(describeAuthError(error, "twoFactor"));
      }
      onConfirmed();
      return null;
    },
  });
  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Scan this code with an authenticator app (1Password, Google Authenticator, Aegis…), or type the key below into it.
      </p>
      <QrCode value={totpURI} label="QR code for your authenticator app" className="size-48" />
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Key: <code className="break-all rounded bg-zinc-100 dark:bg-zinc-800 px-1 font-mono">{secretOf(totpURI)}</code>
      </p>
      <FormShell form={form} submit="Turn on" pendingSubmit="Checking…" alertAt="end">
        <TextField
          {...form.field("code")}
          label="The 6-digit code from the app"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
        />
      </FormShell>
    </div>
  );
}

/** Off, for a person without a password: Better Auth's two-factor asks for one to turn it on. */
function NeedsAPassword() {
  return (
    <div className="space-y-2 text-sm text-zinc-700 dark:text-zinc-300">
      <p>Off. Two-factor asks for a code after your password, and you sign in without one, with a provider.</p>
      <p>
        To turn it on, first set a password:{" "}
        <Link href="/forgot-password" className="font-semibold text-indigo-700 dark:text-indigo-300 underline underline-offset-2">
          get a link by e-mail to set one
        </Link>
        . Setting it signs you out everywhere; sign in again, then come back here.
      </p>
    </div>
  );
}

/** `hasPassword`: whether the person has one (a credential account); two-factor cannot start without it. */
export function TwoFactorSettings({ enabled, hasPassword }: { enabled: boolean; hasPassword: boolean }) {
  const [state, setState] = useState<State>(enabled ? { step: "on" } : { step: "off" });
  // New codes and turning off need a recent sign-in: the password given here confirms it.
  const confirmed = useFreshSignIn();

  if (state.step === "setup")
    return (
      <ConfirmSetup totpURI={state.totpURI} onConfirmed={() => setState({ step: "codes", backupCodes: state.backupCodes })} />
    );
  if (state.step === "codes") return <RecoveryCodes codes={state.backupCodes} onDone={() => setState({ step: "on" })} />;
  if (state.step === "off" && !hasPassword) return <NeedsAPassword />;
  if (state.step === "off")
    return (
      <div className="space-y-4">
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Off. With it on, signing in asks for a code from an app on your phone after your password.
        </p>
        <PasswordForm
          submit="Set up two-factor"
          pending="Starting…"
          onPassword={async (password) => {
            const { data, error } = await authAnswer(authClient.twoFactor.enable({ password }));
            if (error || !data || !("totpURI" in data) || !data.totpURI)
              return failure(describeAuthError(error ?? { status: 500 }, "twoFactor"));
            setState({ step: "setup", totpURI: data.totpURI, backupCodes: data.backupCodes ?? [] });
            return null;
          }}
        />
      </div>
    );
  return (
    <div className="space-y-6">
      <p className="text-sm font-medium text-emerald-800 dark:text-emerald-200">
        On. Signing in asks for a code from your authenticator app.
      </p>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold">New recovery codes</h3>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">Ten new codes; the ones you have now stop working.</p>
        <PasswordForm
          submit="Make new recovery codes"
          pending="Making codes…"
          variant="secondary"
          onPassword={async (password) => {
            const { data, error } = await confirmed(() => authClient.twoFactor.generateBackupCodes({ password }), password);
            if (error || !data) return failure(describeAuthError(error ?? { status: 500 }, "twoFactor"));
            setState({ step: "codes", backupCodes: data.backupCodes });
            return null;
          }}
        />
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Turn off</h3>
        <PasswordForm
          submit="Turn off two-factor"
          pending="Turning off…"
          variant="danger"
          onPassword={async (password) => {
            const { error } = await confirmed(() => authClient.twoFactor.disable({ password }), password);
            if (error) return failure(describeAuthError(error, "twoFactor"));
            setState({ step: "off" });
            return null;
          }}
        />
      </div>
    </div>
  );
}
