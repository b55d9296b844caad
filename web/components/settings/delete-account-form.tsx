"use client";
/**
 * Settings: delete the account, confirmed with its password (the server refuses without one).
 * Everything goes: the user, every session, the tasks. The browser lands on sign-in, told why.
 */
import { useRouter } from "next/navigation";
import { authClient } from "@/lib/auth/client";
import { describeAuthError } from "@/lib/auth/ui/auth-errors";
import { DeleteAccountSchema } from "@/lib/forms/schemas";
import { CURRENT_PASSWORD, TextField } from "../ui/form-field";
import { FormShell } from "../ui/form-shell";
import { useForm } from "../ui/use-form";
import { failure, LEAVING } from "../ui/use-submit";
import { useFreshSignIn } from "./fresh-sign-in";

export function DeleteAccountForm() {
  const router = useRouter();
  const confirmed = useFreshSignIn();
  const form = useForm({
    schema: DeleteAccountSchema,
    initial: { password: "" },
    action: async ({ password }) => {
      const { error } = await confirmed(() => authClient.deleteUser({ password }), password);
      if (error) {
        form.focus("password");
        return failure(describeAuthError(error, "deleteUser"));
      }
      router.replace("/signin?reason=account-deleted");
      router.refresh();
      return LEAVING;
    },
  });

  return (
    <FormShell form={form} submit="Delete my account" pendingSubmit="Deleting…" variant="danger" alertAt="end">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        This deletes your account and every task in it, and signs out every device. It cannot be undone.
      </p>
      <TextField {...form.field("password")} {...CURRENT_PASSWORD} label="Your password, to confirm" />
    </FormShell>
  );
}
