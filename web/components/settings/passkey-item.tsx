"use client";
/**
 * One passkey in Settings → Passkeys: its name, when it was added and last used, "Rename" (the
 * name in place becomes a field: the passkey plugin's update-passkey, which only the owner may
 * call) and "Remove" (the list's action, so one removal runs at a time). Renaming changes nothing
 * an attacker could use, so it needs no fresh sign-in.
 */
import { useState } from "react";
import { authClient } from "@/lib/auth/client";
import { describeAuthError } from "@/lib/auth/ui/auth-errors";
import { PasskeyNameSchema } from "@/lib/forms/schemas";
import { Button } from "../ui/button";
import { TextField } from "../ui/form-field";
import { FormShell } from "../ui/form-shell";
import { useForm } from "../ui/use-form";
import { failure } from "../ui/use-submit";
import type { PasskeyRow } from "./passkey-row";

function RenameForm({ passkey, onDone }: { passkey: PasskeyRow; onDone: (name: string | null) => void }) {
  const form = useForm({
    schema: PasskeyNameSchema,
    initial: { name: passkey.name },
    dismissOnEdit: true,
    action: async ({ name }) => {
      const { error } = await authClient.passkey.updatePasskey({ id: passkey.id, name });
      if (error) {
        form.focus("name");
        return failure(describeAuthError(error, "passkey"));
      }
      onDone(name.trim());
      return null;
    },
  });
  return (
    <FormShell
      form={form}
      submit="Save name"
      pendingSubmit="Saving…"
      variant="secondary"
      alertAt="end"
      actions={
        <Button variant="secondary" onClick={() => onDone(null)} disabled={form.pending}>
          Cancel
        </Button>
      }
    >
      <TextField {...form.field("name")} label={`New name for ${passkey.name}`} autoComplete="off" autoFocus required />
    </FormShell>
  );
}

export function PasskeyItem({
  passkey,
  removing,
  canAct,
  onRemove,
  onRenamed,
}: {
  passkey: PasskeyRow;
  /** This passkey's removal is running. */
  removing: boolean;
  /** Hydrated, and no removal running. */
  canAct: boolean;
  onRemove: () => void;
  onRenamed: (name: string) => void;
}) {
  const [renaming, setRenaming] = useState(false);
  if (renaming) {
    return (
      <li className="p-3">
        <RenameForm
          passkey={passkey}
          onDone={(name) => {
            setRenaming(false);
            if (name !== null) onRenamed(name);
          }}
        />
      </li>
    );
  }
  return (
    <li className="flex flex-col gap-3 p-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0 text-sm">
        <p className="break-words font-medium text-zinc-900 dark:text-zinc-100">{passkey.name}</p>
        <p className="text-zinc-600 dark:text-zinc-400">
          Added <time dateTime={passkey.added.iso}>{passkey.added.text}</time>
        </p>
        <p className="text-zinc-600 dark:text-zinc-400">
          {passkey.lastUsed ? (
            <>
              Last used <time dateTime={passkey.lastUsed.iso}>{passkey.lastUsed.text}</time>
            </>
          ) : (
            "Not used yet"
          )}
        </p>
      </div>
      <div className="flex shrink-0 gap-2">
        <Button
          variant="secondary"
          disabled={!canAct}
          aria-label={`Rename passkey ${passkey.name}`}
          onClick={() => setRenaming(true)}
        >
          Rename
        </Button>
        <Button variant="secondary" disabled={!canAct} aria-label={`Remove passkey ${passkey.name}`} onClick={onRemove}>
          {removing ? "Removing…" : "Remove"}
        </Button>
      </div>
    </li>
  );
}
