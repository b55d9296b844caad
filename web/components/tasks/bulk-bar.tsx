"use client";
/**
 * Acting on many tasks: "select all visible", and once tasks are selected, how many and what to
 * do with them (complete, reopen, delete, add or remove one of the person's labels); "complete
 * all" (or "reopen all") and "clear completed" act on the tasks shown. Each is one request to the
 * API's bulk route, all or nothing; a refusal is told here and nothing changes. Completing and
 * deleting offer Undo (undo-notice.tsx).
 *
 * "Shown" means loaded: the list loads a page at a time, so "complete all" and "clear completed"
 * act on the tasks loaded so far, at most BULK_IDS_MAX of them (the first ones shown); with more
 * loaded, the button is still there for the rest. A selection above BULK_IDS_MAX is refused here,
 * before any request.
 */
import { useId, useRef, useState } from "react";
import type { BulkAction } from "@/lib/tasks/api";
import { errorMessage } from "@/lib/tasks/error-message";
import { allVisibleState, visibleSelection } from "@/lib/tasks/selection";
import { useSelection } from "@/lib/tasks/use-selection";
import { useTasks } from "@/lib/tasks/use-tasks";
import { BULK_IDS_MAX } from "../../../drizzle/limits.ts";
import { Button } from "../ui/button";

const LABEL_ACTIONS = [
  ["add_label", "Add label"],
  ["remove_label", "Remove label"],
] as const;

export function BulkBar() {
  const tasks = useTasks();
  const { list, labels } = useTasks().state;
  const selection = useSelection();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [labelId, setLabelId] = useState("");
  const selectAll = useRef<HTMLInputElement>(null);
  if (!selection || list.tasks.length === 0) return null;

  const visible = list.tasks.map((task) => task.id);
  const selected = visibleSelection(selection.selection, visible);
  const all = allVisibleState(selection.selection, visible);
  const pending = list.tasks.filter((task) => !task.completed).map((task) => task.id);
  const completed = list.tasks.filter((task) => task.completed).map((task) => task.id);
  const tooMany = selected.length > BULK_IDS_MAX;
  const chosenLabel = labels?.some((label) => label.id === labelId) ? labelId : (labels?.[0]?.id ?? "");

  async function act(action: BulkAction, ids: string[], label?: string) {
    if (ids.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      await tasks.bulk(action, ids.slice(0, BULK_IDS_MAX), label);
      // The deleted boxes are gone: the focus stays in the bar, and Undo does not bring the selection back.
      if (action === "delete") {
        selection?.clear();
        selectAll.current?.focus();
      }
    } catch (caught) {
      setError(`Nothing was changed. ${errorMessage(caught)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of controls, not a form fieldset.
    <div
      role="group"
      aria-label="Act on several tasks"
      className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg bg-zinc-50 px-3 py-2 text-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-700"
    >
      <label className="flex items-center gap-2 font-medium text-zinc-800 dark:text-zinc-200">
        <input
          ref={(node) => {
            selectAll.current = node;
            if (node) node.indeterminate = all === "some";
          }}
          type="checkbox"
          checked={all === "all"}
          onChange={() => selection.toggleAll(visible)}
          className="size-4 cursor-pointer accent-zinc-600 dark:accent-zinc-400"
        />
        Select all visible
      </label>

      {selected.length > 0 ? (
        <>
          <span className="font-semibold text-zinc-900 dark:text-zinc-100">{selected.length} selected</span>
          <Button
            variant="secondary"
            className="px-3 py-1.5"
            disabled={busy || tooMany}
            onClick={() => act("complete", selected)}
          >
            Complete
          </Button>
          <Button variant="secondary" className="px-3 py-1.5" disabled={busy || tooMany} onClick={() => act("reopen", selected)}>
            Reopen
          </Button>
          <Button variant="danger" className="px-3 py-1.5" disabled={busy || tooMany} onClick={() => act("delete", selected)}>
            Delete
          </Button>
          {labels && labels.length > 0 && (
            <span className="flex flex-wrap items-center gap-2">
              <label htmlFor={`${id}-label`} className="text-zinc-700 dark:text-zinc-300">
                Label
              </label>
              <select
                id={`${id}-label`}
                value={chosenLabel}
                onChange={(event) => setLabelId(event.target.value)}
                className="rounded-md bg-white px-2 py-1.5 ring-1 ring-zinc-300 dark:bg-zinc-800 dark:ring-zinc-600"
              >
                {labels.map((label) => (
                  <option key={label.id} value={label.id}>
                    {label.name}
                  </option>
                ))}
              </select>
              {LABEL_ACTIONS.map(([action, name]) => (
                <Button
                  key={action}
                  variant="secondary"
                  className="px-3 py-1.5"
                  disabled={busy || tooMany}
                  onClick={() => act(action, selected, chosenLabel)}
                >
                  {name}
                </Button>
              ))}
            </span>
          )}
          <Button variant="ghost" className="px-3 py-1.5" onClick={selection.clear}>
            Clear selection
          </Button>
        </>
      ) : (
        <span className="flex flex-wrap gap-2">
          {pending.length > 0 ? (
            <Button variant="secondary" className="px-3 py-1.5" disabled={busy} onClick={() => act("complete", pending)}>
              Complete all
            </Button>
          ) : (
            <Button variant="secondary" className="px-3 py-1.5" disabled={busy} onClick={() => act("reopen", completed)}>
              Reopen all
            </Button>
          )}
          {completed.length > 0 && (
            <Button variant="ghost-danger" className="px-3 py-1.5" disabled={busy} onClick={() => act("delete", completed)}>
              Clear completed
            </Button>
          )}
        </span>
      )}

      {tooMany && (
        <p className="w-full text-red-800 dark:text-red-300">One action can take at most {BULK_IDS_MAX} tasks: select fewer.</p>
      )}
      {error && (
        <p role="alert" className="w-full text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
