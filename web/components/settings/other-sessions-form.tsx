"use client";
/** Settings: sign out every session except this one (Better Auth `revokeOtherSessions`). */
import { useState } from "react";
import { authClient } from "@/lib/auth/client";
import { describeAuthError, NETWORK_ERROR_MESSAGE } from "@/lib/auth/ui/auth-errors";
import { Button } from "../ui/button";
import { FormError, FormSuccess } from "../ui/form-alert";

/** `onDone`: after the others are signed out (the devices list then shows only this one). */
export function OtherSessionsForm({ onDone }: { onDone?: () => void } = {}) {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  async function revoke() {
    setPending(true);
    setResult(null);
    let message: string | null = null;
    try {
      const { error } = await authClient.revokeOtherSessions();
      if (error) message = describeAuthError(error, "revokeOtherSessions");
    } catch {
      message = NETWORK_ERROR_MESSAGE;
    }
    setPending(false);
    setResult(message ? { ok: false, message } : { ok: true, message: "You are now signed out everywhere else." });
    if (!message) onDone?.();
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-600">
        Signed in on a shared or lost device? This signs out every other browser and device. You stay signed in here.
      </p>
      {result && (result.ok ? <FormSuccess>{result.message}</FormSuccess> : <FormError>{result.message}</FormError>)}
      <Button variant="secondary" onClick={revoke} disabled={pending}>
        {pending ? "Signing out other sessions…" : "Sign out of other sessions"}
      </Button>
    </div>
  );
}
