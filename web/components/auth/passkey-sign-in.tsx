"use client";
/**
 * Signing in with a passkey, two ways: the button (the browser lists the passkeys it holds for this
 * site), and the browser's own autofill on the e-mail field (conditional UI: the field's
 * `autocomplete="username webauthn"` lets it offer passkeys among saved addresses). Neither takes
 * an address: the authenticator says which passkey, so nothing here tells whether an address has one.
 *
 * The autofill request waits in the background from the page's start; the button's request
 * replaces it (the browser allows one at a time), and it is started again after the button's.
 */
import { useEffect, useRef, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { type AuthClientError, authAnswer, describeAuthError } from "@/lib/auth/ui/auth-errors";
import { Button } from "../ui/button";
import { OutcomeAlert } from "../ui/form-alert";
import { useHydrated } from "../ui/use-hydrated";
import { failure, LEAVING, useSubmit } from "../ui/use-submit";

/** A prompt the person closed, or one replaced by another: nothing to say. */
const CANCELLED = new Set(["AUTH_CANCELLED", "ERROR_CEREMONY_ABORTED", "ERROR_PASSKEY_AUTOFILL_NOT_SUPPORTED"]);
const wasCancelled = (error: AuthClientError) => CANCELLED.has(error.code ?? "");

/** Whether this browser offers passkeys in a field's autofill. */
async function autofillAvailable(): Promise<boolean> {
  if (typeof window === "undefined" || !window.PublicKeyCredential?.isConditionalMediationAvailable) return false;
  return window.PublicKeyCredential.isConditionalMediationAvailable().catch(() => false);
}

export function PasskeySignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const hydrated = useHydrated();
  /** Bumped to start the autofill request again after the button's. */
  const [round, setRound] = useState(0);
  const [autofillError, setAutofillError] = useState<AuthClientError | null>(null);
  const signedIn = useRef(onSignedIn);
  signedIn.current = onSignedIn;

  const withButton = useSubmit(async () => {
    setAutofillError(null);
    const { error } = await authAnswer(authClient.signIn.passkey());
    if (!error) {
      signedIn.current();
      return LEAVING;
    }
    setRound((n) => n + 1);
    return wasCancelled(error) ? null : failure(describeAuthError(error, "passkey"));
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` restarts the request on purpose.
  useEffect(() => {
    let live = true;
    void (async () => {
      if (!(await autofillAvailable()) || !live) return;
      const { error } = await authAnswer(authClient.signIn.passkey({ autoFill: true }));
      if (!live) return;
      if (!error) signedIn.current();
      else if (!wasCancelled(error)) setAutofillError(error);
    })();
    return () => {
      live = false;
    };
  }, [round]);

  const outcome = withButton.outcome ?? (autofillError ? failure(describeAuthError(autofillError, "passkey")) : null);
  return (
    <div className="space-y-3">
      <OutcomeAlert outcome={outcome} />
      <Button variant="secondary" className="w-full" disabled={!hydrated || withButton.pending} onClick={() => withButton.run()}>
        {withButton.pending ? "Waiting for your passkey…" : "Sign in with a passkey"}
      </Button>
    </div>
  );
}
