"use client";
/**
 * "Confirm it's you", in place: a sensitive action that the server refuses with
 * FRESH_SIGN_IN_REQUIRED (a sign-in older than 10 minutes: plugins/fresh-sign-in) opens a dialog
 * over the settings page that asks for the password, then runs the same action again, so the
 * person never loses what they typed. A person without a password signs in again with a provider
 * they use (the browser leaves, and comes back to Settings to repeat the action).
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

/** How this person can sign in again: with their password, or with the providers connected to them. */
export type SignInMethods = { password: boolean; providers: ProviderButton[] };

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

function ConfirmDialog({ methods, onDone }: { methods: SignInMethods; onDone: (confirmed: boolean) => void }) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  // Modal: focus moves into it, the page behind is inert, Escape cancels (the `cancel` event).
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const { error: refused } = await authAnswer(authClient.freshSignIn({ password }));
    setPending(false);
    if (refused) {
      setError(refused.code === "INVALID_PASSWORD" ? "That password is incorrect." : describeAuthError(refused, "freshSignIn"));
      return;
    }
    onDone(true);
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
      {methods.password ? (
        <form onSubmit={submit} className="mt-4 space-y-4" noValidate>
          <TextField
            id={`${id}-password`}
            label="Your password"
            {...CURRENT_PASSWORD}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            disabled={pending}
            autoFocus
          />
          {error && <FormError>{error}</FormError>}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => onDone(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending || password.length === 0}>
              {pending ? "Confirming…" : "Confirm and continue"}
            </Button>
          </div>
        </form>
      ) : (
        <div className="mt-4 space-y-3">
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
          {error && <FormError>{error}</FormError>}
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            You come back to Settings signed in; then repeat what you were doing.
          </p>
          <div className="flex justify-end">
            <Button variant="secondary" onClick={() => onDone(false)} disabled={pending}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}
