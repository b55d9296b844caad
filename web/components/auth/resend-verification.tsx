"use client";
/**
 * "Send the link again": asks Better Auth for a new verification mail. The server allows three a
 * minute per address; after each send the button also rests for 30 seconds, so an impatient
 * double-click does not spend them.
 */
import { useEffect, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { describeAuthError, NETWORK_ERROR_MESSAGE } from "@/lib/auth/ui/auth-errors";
import { Button } from "../ui/button";
import { FormError, FormSuccess } from "../ui/form-alert";

const REST_SECONDS = 30;

export function ResendVerification({ email, label = "Send the link again" }: { email: string; label?: string }) {
  const [pending, setPending] = useState(false);
  const [resting, setResting] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  useEffect(() => {
    if (!resting) return;
    const timer = setTimeout(() => setResting(false), REST_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [resting]);

  async function resend() {
    setPending(true);
    setResult(null);
    let message: string | null = null;
    try {
      const { error } = await authClient.sendVerificationEmail({ email, callbackURL: "/verify-email" });
      if (error) message = describeAuthError(error, "sendVerificationEmail");
    } catch {
      message = NETWORK_ERROR_MESSAGE;
    }
    setPending(false);
    if (message) setResult({ ok: false, message });
    else {
      setResting(true);
      setResult({ ok: true, message: `We sent a new link to ${email}. It works for one hour.` });
    }
  }

  return (
    <div className="space-y-3">
      {result && (result.ok ? <FormSuccess>{result.message}</FormSuccess> : <FormError>{result.message}</FormError>)}
      <Button variant="secondary" onClick={resend} disabled={pending || resting} className="w-full">
        {pending ? "Sending…" : resting ? "Link sent" : label}
      </Button>
    </div>
  );
}
