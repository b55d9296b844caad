/**
 * A labelled input or textarea with its hint and error wired up for assistive tech: the error is
 * linked through `aria-describedby` and the control carries `aria-invalid` while it has one.
 */
import type { InputHTMLAttributes, ReactNode, Ref, TextareaHTMLAttributes } from "react";

type FieldChrome = {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  className?: string;
};

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-zinc-900 shadow-sm ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none focus-visible:outline-none disabled:bg-zinc-100 aria-[invalid=true]:ring-red-600 sm:text-sm";

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function Chrome({ id, label, error, hint, className = "", children }: FieldChrome & { children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  id,
  label,
  error,
  hint,
  className,
  inputRef,
  ...input
}: FieldChrome & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> & { inputRef?: Ref<HTMLInputElement> }) {
  return (
    <Chrome id={id} label={label} error={error} hint={hint} className={className}>
      <input
        ref={inputRef}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={CONTROL}
        {...input}
      />
    </Chrome>
  );
}

export function TextAreaField({
  id,
  label,
  error,
  hint,
  className,
  textareaRef,
  ...textarea
}: FieldChrome &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "className"> & { textareaRef?: Ref<HTMLTextAreaElement> }) {
  return (
    <Chrome id={id} label={label} error={error} hint={hint} className={className}>
      <textarea
        ref={textareaRef}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={CONTROL}
        {...textarea}
      />
    </Chrome>
  );
}
