"use client";
/**
 * The one submit lifecycle of the app's forms and action buttons, on React's `useActionState`.
 * `run(input)` starts the action unless one is still in flight (a double click sends once);
 * `pending` holds while it runs, and for good once it answers `LEAVING` (it started a navigation:
 * the form must not be sent again while the next page loads). `outcome` is its answer for the
 * alert: hidden while the next run is pending (the old message must not describe the new
 * attempt) and once `dismiss()`ed (the person edited what it was about).
 *
 * As with any async action, React batches the transitions on the page with a pending run: a
 * navigation or another form's answer started meanwhile commits when this run ends.
 */
import { type ReactNode, startTransition, useActionState, useRef, useState } from "react";
import { NETWORK_ERROR_MESSAGE } from "@/lib/auth/ui/auth-errors";

/** What the person is told after a run: a success (`role="status"`) or a failure (`role="alert"`). */
export type Outcome = { ok: boolean; message: ReactNode };

/** An action's answer when it has started a navigation away from the form. */
export const LEAVING = "leaving";

/** What an action resolves to: an outcome to show, `LEAVING`, or null when there is nothing to say. */
export type Answer<O> = O | typeof LEAVING | null;

export const failure = (message: ReactNode) => ({ ok: false, message }) satisfies Outcome;
export const success = (message: ReactNode) => ({ ok: true, message }) satisfies Outcome;

/**
 * `action` answers an `Outcome` to show, `null` for nothing to say, or `LEAVING`. It should not
 * throw; if it does (a request that never got an answer), the person reads the network message,
 * as they did in every form before this hook, and React's error boundary is not involved.
 */
export function useSubmit<Input = void, O extends Outcome = Outcome>(action: (input: Input) => Promise<Answer<O>>) {
  const inFlight = useRef(false);
  const [answer, dispatch, running] = useActionState(async (_previous: Answer<O | Outcome>, input: Input) => {
    let next: Answer<O | Outcome>;
    try {
      next = await action(input);
    } catch {
      next = failure(NETWORK_ERROR_MESSAGE);
    }
    if (next !== LEAVING) inFlight.current = false;
    return next;
  }, null);
  const [dismissed, setDismissed] = useState<Answer<O | Outcome>>(null);

  const outcome = running || answer === LEAVING || answer === dismissed ? null : answer;
  return {
    pending: running || answer === LEAVING,
    /** The last run's outcome, with the action's own fields when it answered them (not after a throw). */
    outcome: outcome as (Outcome & Partial<Omit<O, keyof Outcome>>) | null,
    run(input: Input) {
      if (inFlight.current) return;
      inFlight.current = true;
      startTransition(() => dispatch(input));
    },
    dismiss: () => setDismissed(answer),
  };
}
