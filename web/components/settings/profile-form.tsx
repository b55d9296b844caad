"use client";
/** Settings: change the display name (Better Auth `updateUser`). */
import { useRouter } from "next/navigation";
import { useId } from "react";
import { authClient } from "@/lib/auth/client";
import { authAnswer, describeAuthError } from "@/lib/auth/ui/auth-errors";
import { ProfileUpdateSchema } from "@/lib/forms/schemas";
import { TextField } from "../ui/form-field";
import { FormShell } from "../ui/form-shell";
import { useForm } from "../ui/use-form";
import { failure, success } from "../ui/use-submit";

export function ProfileForm({ initialName, email }: { initialName: string; email: string }) {
  const router = useRouter();
  const id = useId();
  const form = useForm({
    schema: ProfileUpdateSchema,
    initial: { name: initialName },
    dismissOnEdit: true,
    action: async ({ name }) => {
      const { error } = await authAnswer(authClient.updateUser({ name }));
      if (error) {
        form.focus("name");
        return failure(describeAuthError(error, "updateUser"));
      }
      form.reset({ name });
      // Server components (the app shell) read the name from the session: render them again.
      router.refresh();
      return success("Your name has been updated.");
    },
  });

  return (
    <FormShell form={form} submit="Save name" pendingSubmit="Saving…" alertAt="end">
      <TextField id={`${id}-email`} label="Email" value={email} readOnly hint="Change it under Email address, below." />
      <TextField {...form.field("name")} label="Name" autoComplete="name" required />
    </FormShell>
  );
}
