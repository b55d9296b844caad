"use client";
/**
 * The keyboard shortcuts' help (`?`): a native modal `<dialog>` (showModal), so the rest of the
 * page is inert while it is open, the focus stays inside, Escape closes it and the focus returns
 * to where it was.
 */
import { useEffect, useRef } from "react";
import { SHORTCUTS } from "@/lib/tasks/shortcuts";
import { Button } from "../ui/button";

const KBD =
  "rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-xs text-zinc-800 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100";

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      // Into the dialog, on its one control (the browser's own choice varies: the dialog itself, or nothing).
      close.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="shortcuts-dialog-title"
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl bg-white p-5 text-zinc-900 shadow-xl ring-1 ring-zinc-200 backdrop:bg-zinc-950/50 sm:p-6 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700"
    >
      <h2 id="shortcuts-dialog-title" className="text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        They work anywhere on the tasks page except while you type in a field, and never with Ctrl, ⌘ or Alt.
      </p>
      <dl className="mt-4 divide-y divide-zinc-200 dark:divide-zinc-700">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.does} className="flex items-center justify-between gap-4 py-2">
            <dt className="flex shrink-0 gap-1.5">
              {shortcut.keys.map((key, index) => (
                <span key={key} className="flex items-center gap-1.5">
                  {index > 0 && <span className="text-xs text-zinc-500 dark:text-zinc-400">or</span>}
                  <kbd className={KBD}>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd className="text-right text-sm text-zinc-700 dark:text-zinc-300">{shortcut.does}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
        To reorder, sort by <strong>Manual order</strong>: then drag a task by its Move handle, or focus the handle and press
        Space, the arrow keys, and Space again to drop (Escape cancels). In other sorts the order is the sort’s, so there is no
        handle.
      </p>
      <div className="mt-5 flex justify-end">
        <Button ref={close} variant="secondary" onClick={() => dialog.current?.close()}>
          Close
        </Button>
      </div>
    </dialog>
  );
}
