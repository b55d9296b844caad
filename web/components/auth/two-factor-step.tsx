"use client";
/**
 * The sign-in's code step, after a right password (or a provider's sign-in) of a person with
 * two-factor on: a code from the authenticator app, or one of the recovery codes, in one field.
 * Either kind goes to the one code step (/two-factor/sign-in: plugins/two-factor/code-step.ts),
 * and a wrong one of either kind gets the same sentence. "Trust this browser" skips the step here
 * for 30 days.
 */
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useId, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { authAnswer, describeAuthError } from "@/lib/auth/ui/auth-errors";
import { safeRedirectPath } from "@/lib/auth/ui/safe-redirect";
import { TwoFactorCodeSchema } from "@/lib/forms/schemas";
import { TextField } from "../ui/form-field";
import { FormShell } from "../ui/form-shell";
import { useForm } from "../ui/use-form";
import { failure, LEAVING } from "../ui/use-submit";

export function TwoFactorStep() {
  const id = useId();
  const router = useRouter();
  const from = useSearchParams().get("from");
  const [trustDevice, setTrustDevice] = useState(false);
  const form = useForm({
    schema: TwoFactorCodeSchema,
    initial: { code: "" },
    dismissOnEdit: true,
    action: async ({ code }) => {
      const { error } = await authAnswer(authClient.twoFactor.signIn({ code, trustDevice }));
      if (error) {
        form.focus("code");
        return failure(describeAuthError(error, "twoFactor"));
      }
      router.replace(safeRedirectPath(from));
      router.refresh();
      return LEAVING;
    },
  });

  return (
    <div className="space-y-6">
      <FormShell form={form} submit="Verify" pendingSubmit="Verifying…" wide skeleton={1}>
        <TextField
          {...form.field("code")}
          label="Code"
          hint="The 6-digit code from your authenticator app, or one of your recovery codes."
          inputMode="text"
          autoComplete="one-time-code"
          autoCapitalize="off"
          spellCheck={false}
          required
        />
        <div className="flex items-start gap-2">
          <input
            id={`${id}-trust`}
            type="checkbox"
            checked={trustDevice}
            onChange={(event) => setTrustDevice(event.target.checked)}
            disabled={form.pending}
            className="mt-0.5 size-4 accent-indigo-600"
          />
          <label htmlFor={`${id}-trust`} className="text-sm text-zinc-700 dark:text-zinc-300">
            Trust this browser for 30 days
          </label>
        </div>
      </FormShell>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        <Link href="/signin" className="font-semibold text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline">
          Start again with your password
        </Link>
      </p>
    </div>
  );
}
