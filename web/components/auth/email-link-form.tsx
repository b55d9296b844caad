"use client";
/**
 * One e-mail field that asks for a link: a password reset (/forgot-password) or a new
 * verification link (/verify-email after a bad link). The answer is the same whether or not an
 * account exists, as the server's is: the page never tells who has an account.
 */
import { authClient } from "@/lib/auth/client";
import { type AuthAction, type AuthClientError, authAnswer, describeAuthError } from "@/lib/auth/ui/auth-errors";
import { EmailOnlySchema } from "@/lib/forms/schemas";
import { TextField } from "../ui/form-field";
import { FormShell } from "../ui/form-shell";
import { useForm } from "../ui/use-form";
import { failure, success } from "../ui/use-submit";

export type LinkKind = "reset-password" | "verify-email";

type Kind = {
  submit: string;
  action: AuthAction;
  ask: (email: string) => Promise<{ error: AuthClientError | null }>;
  sent: (email: string) => string;
};

const KINDS: Record<LinkKind, Kind> = {
  "reset-password": {
    submit: "Send me a reset link",
    action: "requestPasswordReset",
    ask: (email) => authClient.requestPasswordReset({ email, redirectTo: "/reset-password" }),
    sent: (email) =>
      `If an account exists for ${email}, we sent it a link to choose a new password. The link works once, for one hour.`,
  },
  "verify-email": {
    submit: "Send me a new link",
    action: "sendVerificationEmail",
    ask: (email) => authClient.sendVerificationEmail({ email, callbackURL: "/verify-email" }),
    sent: (email) => `If ${email} has an account waiting for verification, we sent it a new link. It works for one hour.`,
  },
};

export function EmailLinkForm({ kind }: { kind: LinkKind }) {
  const config = KINDS[kind];
  const form = useForm({
    schema: EmailOnlySchema,
    initial: { email: "" },
    action: async ({ email }) => {
      const { error } = await authAnswer(config.ask(email));
      return error ? failure(describeAuthError(error, config.action)) : success(config.sent(email));
    },
  });

  return (
    <FormShell form={form} submit={config.submit} pendingSubmit="Sending…" wide skeleton={1}>
      <TextField {...form.field("email")} label="Email" type="email" autoComplete="email" required />
    </FormShell>
  );
}
