"use client";
/**
 * "Send the link again": asks Better Auth for a new verification mail. The server allows three a
 * minute per address; after each send the button also rests for 30 seconds, so an impatient
 * double-click does not spend them.
 */
import { useEffect, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { authAnswer, describeAuthError } from "@/lib/auth/ui/auth-errors";
import { Button } from "../ui/button";
import { OutcomeAlert } from "../ui/form-alert";
import { failure, success, useSubmit } from "../ui/use-submit";

const REST_SECONDS = 30;

export function ResendVerification({ email, label = "Send the link again" }: { email: string; label?: string }) {
  const [resting, setResting] = useState(false);
  const resend = useSubmit(async () => {
    const { error } = await authAnswer(authClient.sendVerificationEmail({ email, callbackURL: "/verify-email" }));
    if (error) return failure(describeAuthError(error, "sendVerificationEmail"));
    setResting(true);
    return success(`We sent a new link to ${email}. It works for one hour.`);
  });

  useEffect(() => {
    if (!resting) return;
    const timer = setTimeout(() => setResting(false), REST_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [resting]);

  return (
    <div className="space-y-3">
      <OutcomeAlert outcome={resend.outcome} />
      <Button variant="secondary" onClick={() => resend.run()} disabled={resend.pending || resting} className="w-full">
        {resend.pending ? "Sending…" : resting ? "Link sent" : label}
      </Button>
    </div>
  );
}
