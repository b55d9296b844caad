/**
 * A labelled input or textarea with its hint and error wired up for assistive tech: the error is
 * linked through `aria-describedby` and the control carries `aria-invalid` while it has one.
 */
import type { ComponentPropsWithRef, ElementType, ReactNode } from "react";

type FieldChrome = {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  className?: string;
};

const CONTROL =
  "block w-full rounded-md border-0 bg-white dark:bg-zinc-900 px-3 py-2 text-zinc-900 dark:text-zinc-100 shadow-sm ring-1 ring-zinc-300 dark:ring-zinc-600 ring-inset placeholder:text-zinc-400 dark:placeholder:text-zinc-500 focus:ring-2 focus:ring-indigo-600 dark:focus:ring-indigo-400 focus:outline-none focus-visible:outline-none disabled:bg-zinc-100 dark:disabled:bg-zinc-800 aria-[invalid=true]:ring-red-600 dark:aria-[invalid=true]:ring-red-500 sm:text-sm";

/** The control's own attributes: its id, its state and what describes it. */
function controlProps({ id, error, hint }: FieldChrome) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": described.length > 0 ? described.join(" ") : undefined,
    className: CONTROL,
  };
}

function Chrome({ id, label, error, hint, className = "", children }: FieldChrome & { children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

/** The attributes of a password field: one the person has (to confirm who they are) or a new one. */
export const CURRENT_PASSWORD = { type: "password", autoComplete: "current-password", required: true } as const;
export const NEW_PASSWORD = { type: "password", autoComplete: "new-password", required: true } as const;

type Control<Tag extends "input" | "textarea"> = FieldChrome & Omit<ComponentPropsWithRef<Tag>, "id" | "className">;

/** The chrome, then the control (`as`) with what the caller passes: value, ref, handlers. */
function Field<Tag extends "input" | "textarea">({
  as,
  id,
  label,
  error,
  hint,
  className,
  ...control
}: Control<Tag> & { as: Tag }) {
  const ControlTag = as as ElementType;
  const chrome = { id, label, error, hint, className };
  return (
    <Chrome {...chrome}>
      <ControlTag {...controlProps(chrome)} {...control} />
    </Chrome>
  );
}

export const TextField = (props: Control<"input">) => <Field as="input" {...props} />;
export const TextAreaField = (props: Control<"textarea">) => <Field as="textarea" {...props} />;
