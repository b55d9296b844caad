"use client";
/**
 * The notice after a completion or deletion (of one task or many): what happened, and Undo, for
 * UNDO_NOTICE_MS (about 8 s; the time stops while the pointer or the focus is on the notice, so
 * that nobody loses it while reaching for it). A live region (role=status), present before it has
 * anything to say, so that screen readers announce each notice. A failed Undo is told in the
 * notice, which stays for another try.
 */
import { useEffect, useState } from "react";
import { errorMessage } from "@/lib/tasks/error-message";
import { UNDO_NOTICE_MS } from "@/lib/tasks/undo";
import { useTasks } from "@/lib/tasks/use-tasks";
import { Button } from "../ui/button";

export function UndoNotice() {
  const tasks = useTasks();
  const offer = tasks.state.undo;
  const [held, setHeld] = useState({ pointer: false, focus: false });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ offer: unknown; message: string } | null>(null);
  const error = failure && failure.offer === offer ? failure.message : null;
  const paused = held.pointer || held.focus || busy || error !== null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new offer, or the pause ending, starts the time again.
  useEffect(() => {
    if (!offer || paused) return;
    const timer = setTimeout(() => tasks.dismissUndo(offer), UNDO_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [offer, paused]);

  async function undo() {
    if (!offer) return;
    setBusy(true);
    try {
      await tasks.undo(offer);
    } catch (caught) {
      setFailure({ offer, message: `Could not undo. ${errorMessage(caught)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-20 flex justify-center px-4">
      {offer && (
        // biome-ignore lint/a11y/useSemanticElements: a notice's message and buttons, not a form fieldset.
        <div
          role="group"
          aria-label="Undo"
          onPointerEnter={() => setHeld((h) => ({ ...h, pointer: true }))}
          onPointerLeave={() => setHeld((h) => ({ ...h, pointer: false }))}
          onFocus={() => setHeld((h) => ({ ...h, focus: true }))}
          onBlur={() => setHeld((h) => ({ ...h, focus: false }))}
          className="pointer-events-auto flex max-w-md flex-wrap items-center gap-x-4 gap-y-2 rounded-lg bg-zinc-900 px-4 py-3 text-sm text-white shadow-lg dark:bg-zinc-100 dark:text-zinc-900"
        >
          <span className="min-w-0 break-words">{offer.message}</span>
          <span className="flex gap-2">
            <button
              type="button"
              onClick={undo}
              disabled={busy}
              className="rounded-md px-2 py-1 font-semibold text-indigo-200 underline-offset-2 hover:underline disabled:opacity-60 dark:text-indigo-800"
            >
              {busy ? "Undoing…" : "Undo"}
            </button>
            <Button
              variant="ghost"
              onClick={() => tasks.dismissUndo(offer)}
              className="px-2 py-1 text-zinc-300 hover:bg-zinc-800 hover:text-white dark:text-zinc-700 dark:hover:bg-zinc-200 dark:hover:text-zinc-900"
            >
              Dismiss
            </Button>
          </span>
          {error && <p className="w-full text-red-300 dark:text-red-800">{error}</p>}
        </div>
      )}
    </div>
  );
}
