"use client";
/**
 * "Confirm it's you", in place: a sensitive action that the server refuses with
 * FRESH_SIGN_IN_REQUIRED (a sign-in older than 10 minutes: plugins/fresh-sign-in) opens a dialog
 * over the settings page that asks the person to sign in again with what they have (their
 * password, one of their passkeys, or a code from their authenticator app), then runs the same
 * action again, so the person never loses what they typed. A person with none of the three signs
 * in again with a provider they use (the browser leaves, and comes back to Settings to repeat the
 * action).
 *
 * A form that already holds the password (change password, change e-mail, delete) passes it
 * along: the confirmation then needs no dialog at all.
 */
import {
  createContext,
  type FormEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { authClient } from "@/lib/auth/client";
import { FRESH_SIGN_IN_REQUIRED } from "@/lib/auth/plugins/fresh-sign-in/rule";
import type { ProviderButton } from "@/lib/auth/providers/settings";
import { SIGN_IN_PROBLEM_PATH } from "@/lib/auth/providers/sign-in-problem";
import { type AuthClientError, authAnswer, describeAuthError } from "@/lib/auth/ui/auth-errors";
import { Button } from "../ui/button";
import { FormError } from "../ui/form-alert";
import { CURRENT_PASSWORD, TextField } from "../ui/form-field";

type Answer = { error: AuthClientError | null };
type Failed = { data: null; error: AuthClientError };

/** Runs `call`; when refused for an old sign-in, confirms (with `password`, or by asking) and runs it again. */
export type Confirmed = <A extends Answer>(call: () => Promise<A>, password?: string) => Promise<A | Failed>;

const FreshSignInContext = createContext<Confirmed | null>(null);

/** The settings forms' `confirmed`; outside the provider, a call is only run (and refused as it is). */
export function useFreshSignIn(): Confirmed {
  return useContext(FreshSignInContext) ?? ((call) => authAnswer(call()));
}

/**
 * How this person can sign in again in place (their password, a passkey they added, a code when
 * two-factor is on), or else with the providers connected to them.
 */
export type SignInMethods = { password: boolean; passkey: boolean; code: boolean; providers: ProviderButton[] };

export function FreshSignInProvider({ methods, children }: { methods: SignInMethods; children: ReactNode }) {
  const [asking, setAsking] = useState<((confirmed: boolean) => void) | null>(null);

  const ask = useCallback(() => new Promise<boolean>((resolve) => setAsking(() => resolve)), []);

  const confirmed = useCallback<Confirmed>(
    async (call, password) => {
      const first = await authAnswer(call());
      if (first.error?.code !== FRESH_SIGN_IN_REQUIRED) return first;
      if (password !== undefined) {
        const { error } = await authAnswer(authClient.freshSignIn({ password }));
        if (error) return { data: null, error };
      } else if (!(await ask())) return first;
      return authAnswer(call());
    },
    [ask],
  );

  const close = (result: boolean) => {
    asking?.(result);
    setAsking(null);
  };

  return (
    <FreshSignInContext.Provider value={confirmed}>
      {children}
      {asking && <ConfirmDialog methods={methods} onDone={close} />}
    </FreshSignInContext.Provider>
  );
}

/** The dialog's wording of a refused confirmation; a passkey prompt the person closed says so too. */
function refusal(error: AuthClientError): string {
  if (error.code === "INVALID_PASSWORD") return "That password is incorrect.";
  return describeAuthError(error, "freshSignIn");
}

function ConfirmDialog({ methods, onDone }: { methods: SignInMethods; onDone: (confirmed: boolean) => void }) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const inPlace = methods.password || methods.passkey || methods.code;

  // Modal: focus moves into it, the page behind is inert, Escape cancels (the `cancel` event).
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const confirm = async (attempt: () => Promise<{ error: AuthClientError | null }>) => {
    setPending(true);
    setError(null);
    const { error: refused } = await authAnswer(attempt());
    setPending(false);
    if (refused) setError(refusal(refused));
    else onDone(true);
  };
  const submitted = (attempt: () => Promise<{ error: AuthClientError | null }>) => (event: FormEvent) => {
    event.preventDefault();
    void confirm(attempt);
  };

  const withProvider = async (provider: ProviderButton) => {
    setPending(true);
    const { error: refused } = await authAnswer(
      authClient.signIn.social({ provider: provider.id, callbackURL: "/settings", errorCallbackURL: SIGN_IN_PROBLEM_PATH }),
    );
    // On success the browser is already leaving for the provider.
    if (refused) {
      setPending(false);
      setError(describeAuthError(refused, "signIn"));
    }
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-why`}
      onCancel={(event) => {
        event.preventDefault();
        onDone(false);
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl bg-white dark:bg-zinc-900 p-6 shadow-xl ring-1 ring-zinc-200 dark:ring-zinc-700 backdrop:bg-zinc-900/40 dark:backdrop:bg-black/60"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Confirm it's you
      </h2>
      <p id={`${id}-why`} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        You signed in more than 10 minutes ago. To keep your account safe, sign in again to continue.
      </p>
      <div className="mt-4 space-y-4">
        {methods.password && (
          <form onSubmit={submitted(() => authClient.freshSignIn({ password }))} className="space-y-3" noValidate>
            <TextField
              id={`${id}-password`}
              label="Your password"
              {...CURRENT_PASSWORD}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              disabled={pending}
              autoFocus
            />
            <Button type="submit" className="w-full" disabled={pending || password.length === 0}>
              {pending ? "Confirming…" : "Confirm and continue"}
            </Button>
          </form>
        )}
        {methods.passkey && (
          <Button
            variant="secondary"
            className="w-full"
            disabled={pending}
            onClick={() => void confirm(() => authClient.confirmWithPasskey())}
          >
            Use a passkey
          </Button>
        )}
        {methods.code && (
          <form onSubmit={submitted(() => authClient.freshSignIn.code({ code }))} className="space-y-3" noValidate>
            <TextField
              id={`${id}-code`}
              label="Code from your authenticator app"
              hint="The 6-digit code it shows now."
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(event) => setCode(event.target.value.replace(/\D/g, ""))}
              disabled={pending}
            />
            <Button type="submit" variant="secondary" className="w-full" disabled={pending || code.length !== 6}>
              Confirm with the code
            </Button>
          </form>
        )}
        {!inPlace && (
          <>
            {methods.providers.map((provider) => (
              <Button
                key={provider.id}
                variant="secondary"
                className="w-full"
                disabled={pending}
                onClick={() => void withProvider(provider)}
              >
                Continue with {provider.name}
              </Button>
            ))}
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              You come back to Settings signed in; then repeat what you were doing.
            </p>
          </>
        )}
        {error && <FormError>{error}</FormError>}
        <div className="flex justify-end">
          <Button variant="secondary" onClick={() => onDone(false)} disabled={pending}>
            Cancel
          </Button>
        </div>
      </div>
    </dialog>
  );
}
