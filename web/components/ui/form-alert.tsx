/**
 * Form-level feedback. Errors use `role="alert"` (announced at once); successes use
 * `role="status"` (announced politely).
 */
import type { ReactNode } from "react";
import type { Outcome } from "./use-submit";

export function FormError({ children, id, className = "" }: { children: ReactNode; id?: string; className?: string }) {
  return (
    <div
      id={id}
      role="alert"
      className={`rounded-md bg-red-50 dark:bg-red-950 px-3 py-2 text-sm text-red-800 dark:text-red-200 ring-1 ring-red-200 dark:ring-red-900 ${className}`}
    >
      {children}
    </div>
  );
}

export function FormSuccess({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <div
      role="status"
      className={`rounded-md bg-emerald-50 dark:bg-emerald-950 px-3 py-2 text-sm text-emerald-800 dark:text-emerald-200 ring-1 ring-emerald-200 dark:ring-emerald-900 ${className}`}
    >
      {children}
    </div>
  );
}

/** Information the user needs before acting (e.g. why they are on the sign-in page). */
export function FormNotice({ children }: { children: ReactNode }) {
  return (
    <div
      role="status"
      className="rounded-md bg-amber-50 dark:bg-amber-950 px-3 py-2 text-sm text-amber-900 dark:text-amber-200 ring-1 ring-amber-200 dark:ring-amber-900"
    >
      {children}
    </div>
  );
}

/** A submit's outcome (use-submit.ts): its success or its error, or nothing. */
export function OutcomeAlert({ outcome, id }: { outcome: Outcome | null; id?: string }) {
  if (!outcome) return null;
  return outcome.ok ? <FormSuccess>{outcome.message}</FormSuccess> : <FormError id={id}>{outcome.message}</FormError>;
}
