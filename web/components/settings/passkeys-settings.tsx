"use client";
/**
 * Settings → Passkeys: the person's passkeys (name, date added, last used: passkey-item.tsx),
 * "Add a passkey" under a name they choose (the browser then asks the authenticator: a phone, a
 * security key, the device's own), and "Rename" and "Remove" on each. Adding and removing need a recent sign-in (the fresh
 * sign-in rule): the check comes before the authenticator is asked, so a confirmation never makes
 * a person touch their key twice.
 */
import { useState } from "react";
import { authClient } from "@/lib/auth/client";
import { describeAuthError } from "@/lib/auth/ui/auth-errors";
import { PasskeyNameSchema } from "@/lib/forms/schemas";
import { OutcomeAlert } from "../ui/form-alert";
import { TextField } from "../ui/form-field";
import { FormShell } from "../ui/form-shell";
import { useForm } from "../ui/use-form";
import { useHydrated } from "../ui/use-hydrated";
import { failure, success, useSubmit } from "../ui/use-submit";
import { useFreshSignIn } from "./fresh-sign-in";
import { PasskeyItem } from "./passkey-item";
import { type PasskeyRow, type StoredPasskey, toPasskeyRow } from "./passkey-row";

function AddPasskeyForm({ timeZone, onAdded }: { timeZone: string; onAdded: (row: PasskeyRow) => void }) {
  const confirmed = useFreshSignIn();
  const form = useForm({
    schema: PasskeyNameSchema,
    initial: { name: "" },
    dismissOnEdit: true,
    action: async ({ name }) => {
      const { data, error } = await confirmed(() => authClient.passkey.addPasskey({ name }));
      if (error || !data) {
        form.focus("name");
        return failure(describeAuthError(error ?? { status: 500 }, "passkey"));
      }
      onAdded(toPasskeyRow(data as StoredPasskey, timeZone));
      form.reset({ name: "" });
      return success(`Passkey “${name}” added. You can sign in with it now.`);
    },
  });
  return (
    <FormShell form={form} submit="Add a passkey" pendingSubmit="Waiting for your passkey…" variant="secondary" alertAt="end">
      <TextField
        {...form.field("name")}
        label="Name for the new passkey"
        hint="So you can tell your passkeys apart, e.g. “Work laptop” or “Phone”."
        autoComplete="off"
        required
      />
    </FormShell>
  );
}

/** `timeZone`: the one the server wrote the listed passkeys' dates in, for a passkey added here. */
export function PasskeysSettings({ initialPasskeys, timeZone }: { initialPasskeys: PasskeyRow[]; timeZone: string }) {
  const [passkeys, setPasskeys] = useState(initialPasskeys);
  /** The passkey being removed (its button says so). */
  const [target, setTarget] = useState<string | null>(null);
  const confirmed = useFreshSignIn();
  const hydrated = useHydrated();
  const remove = useSubmit(async (passkey: PasskeyRow) => {
    const { error } = await confirmed(() => authClient.passkey.deletePasskey({ id: passkey.id }));
    if (error) return failure(describeAuthError(error, "passkey"));
    setPasskeys((list) => list.filter((each) => each.id !== passkey.id));
    return success(`Passkey “${passkey.name}” removed. It can no longer sign you in.`);
  });

  return (
    <div className="space-y-4">
      <OutcomeAlert outcome={remove.outcome} />
      {passkeys.length === 0 ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          No passkeys yet. With one, you sign in with your fingerprint, face or screen lock.
        </p>
      ) : (
        <ul
          aria-label="Your passkeys"
          className="divide-y divide-zinc-200 rounded-lg ring-1 ring-zinc-200 dark:divide-zinc-700 dark:ring-zinc-700"
        >
          {passkeys.map((passkey) => (
            <PasskeyItem
              key={passkey.id}
              passkey={passkey}
              removing={remove.pending && target === passkey.id}
              canAct={hydrated && !remove.pending}
              onRemove={() => {
                setTarget(passkey.id);
                remove.run(passkey);
              }}
              onRenamed={(name) => setPasskeys((list) => list.map((each) => (each.id === passkey.id ? { ...each, name } : each)))}
            />
          ))}
        </ul>
      )}
      <AddPasskeyForm timeZone={timeZone} onAdded={(row) => setPasskeys((list) => [...list, row])} />
    </div>
  );
}
