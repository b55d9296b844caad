"use client";
/**
 * /reset-password as a reset link opens it: the token from the link's fragment (read, then
 * removed from the address bar), and the new-password form for it. The token is checked, and
 * spent, only when the new password is posted; a malformed one cannot be a token at all.
 */
import { FormSkeleton } from "../ui/form-skeleton";
import { useLinkSecrets } from "../ui/use-link-secrets";
import { DeadResetLink } from "./dead-reset-link";
import { ResetPasswordForm } from "./reset-password-form";

// Better Auth's reset tokens are 24 letters and digits; anything else cannot be one.
const TOKEN = /^[A-Za-z0-9]{16,64}$/;

export function ResetPasswordFromLink() {
  const secrets = useLinkSecrets(["token"]);
  if (!secrets) return <FormSkeleton fields={2} />;
  const { token } = secrets;
  if (!token || !TOKEN.test(token)) return <DeadResetLink />;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Every device signed in to your account will be signed out.
      </p>
      <ResetPasswordForm token={token} />
    </>
  );
}
