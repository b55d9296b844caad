"use client";
/** Settings: sign out every session except this one (Better Auth `revokeOtherSessions`). */
import { authClient } from "@/lib/auth/client";
import { describeAuthError } from "@/lib/auth/ui/auth-errors";
import { Button } from "../ui/button";
import { OutcomeAlert } from "../ui/form-alert";
import { failure, success, useSubmit } from "../ui/use-submit";
import { useFreshSignIn } from "./fresh-sign-in";

/** `onDone`: after the others are signed out (the devices list then shows only this one). */
export function OtherSessionsForm({ onDone }: { onDone?: () => void } = {}) {
  const confirmed = useFreshSignIn();
  const revoke = useSubmit(async () => {
    const { error } = await confirmed(() => authClient.revokeOtherSessions());
    if (error) return failure(describeAuthError(error, "revokeOtherSessions"));
    onDone?.();
    return success("You are now signed out everywhere else.");
  });

  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Signed in on a shared or lost device? This signs out every other browser and device. You stay signed in here.
      </p>
      <OutcomeAlert outcome={revoke.outcome} />
      <Button variant="secondary" onClick={() => revoke.run()} disabled={revoke.pending}>
        {revoke.pending ? "Signing out other sessions…" : "Sign out of other sessions"}
      </Button>
    </div>
  );
}
