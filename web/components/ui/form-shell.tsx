"use client";
/**
 * What every form around its fields shares: the `<form>` (validated by the app, so `noValidate`),
 * the outcome's alert (or a notice while there is none), the submit button with its pending label,
 * and, with `skeleton`, the hydration gate: the form's skeleton until React runs the page, because
 * controlled inputs in the server's HTML would wipe what someone typed before then.
 */
import { type ComponentProps, type ComponentPropsWithRef, type ReactNode, useId } from "react";
import { Button } from "./button";
import { FormNotice, OutcomeAlert } from "./form-alert";
import { FormSkeleton } from "./form-skeleton";
import { useHydrated } from "./use-hydrated";
import type { Outcome } from "./use-submit";

type FormShellProps = Omit<ComponentPropsWithRef<"form">, "onSubmit" | "children"> & {
  /** A `useForm` (or anything with its submit handler, pending state and outcome). */
  form: { onSubmit(event: { preventDefault(): void }): void; pending: boolean; outcome: Outcome | null };
  submit: string;
  /** The button's label while the action runs. */
  pendingSubmit: string;
  variant?: ComponentProps<typeof Button>["variant"];
  /** A full-width submit button (the auth pages). */
  wide?: boolean;
  /** Gate on hydration, showing a skeleton of this many fields until then. */
  skeleton?: number;
  /** The alert above the fields (default) or below them, next to the button. */
  alertAt?: "start" | "end";
  /** Shown where the alert goes while there is no outcome. */
  notice?: ReactNode;
  /** Beside the submit button (Cancel, a keyboard hint). */
  actions?: ReactNode;
  /** After the submit button, inside the form. */
  footer?: ReactNode;
  children: ReactNode;
};

export function FormShell({
  form,
  submit,
  pendingSubmit,
  variant = "primary",
  wide = false,
  skeleton,
  alertAt = "start",
  notice,
  actions,
  footer,
  children,
  className = "space-y-4",
  ...formProps
}: FormShellProps) {
  const alertId = useId();
  const hydrated = useHydrated();
  if (skeleton !== undefined && !hydrated) return <FormSkeleton fields={skeleton} />;

  const { outcome, pending } = form;
  const alert = outcome ? <OutcomeAlert outcome={outcome} id={alertId} /> : notice && <FormNotice>{notice}</FormNotice>;
  const button = (
    <Button type="submit" variant={variant} disabled={pending} className={wide ? "w-full" : ""}>
      {pending ? pendingSubmit : submit}
    </Button>
  );
  return (
    <form
      noValidate
      onSubmit={form.onSubmit}
      aria-describedby={outcome && !outcome.ok ? alertId : undefined}
      className={className}
      {...formProps}
    >
      {alertAt === "start" && alert}
      {children}
      {alertAt === "end" && alert}
      {actions ? (
        <div className="flex flex-wrap items-center gap-2">
          {button}
          {actions}
        </div>
      ) : (
        button
      )}
      {footer}
    </form>
  );
}
