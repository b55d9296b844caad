"use client";
/**
 * Carries out the task list's keyboard shortcuts (which key means what: lib/tasks/shortcuts.ts) and
 * shows their help, from `?` or the Shortcuts button. The current task is the row that has the
 * focus, or holds it: `j`/`k` move the focus from row to row, and the other shortcuts act on that
 * row through its own controls, so they take the same paths as a click (delete asks first).
 */
import { useEffect, useRef, useState } from "react";
import { describeTarget, type Shortcut, shortcutFor, TASK_ROW_ATTRIBUTE } from "@/lib/tasks/shortcuts";
import { useTasks } from "@/lib/tasks/use-tasks";
import { Button } from "../ui/button";
import { EDIT_TITLE_EVENT } from "./inline-title";
import { ShortcutsDialog } from "./shortcuts-dialog";

const rows = () => [...document.querySelectorAll<HTMLElement>(`[${TASK_ROW_ATTRIBUTE}]`)];
const currentRow = () => document.activeElement?.closest<HTMLElement>(`[${TASK_ROW_ATTRIBUTE}]`) ?? null;

/** Focuses the first field matching `selector`; false when the page has none. */
function focusField(selector: string): boolean {
  const field = document.querySelector<HTMLElement>(selector);
  field?.focus();
  return field !== null;
}

export function TaskShortcuts() {
  const tasks = useTasks();
  const [helpOpen, setHelpOpen] = useState(false);
  // The listener is added once; it reads the store as it is at the key press.
  const latest = useRef(tasks);
  latest.current = tasks;

  useEffect(() => {
    /** Does what `shortcut` means here; false when it has nothing to act on (the key then does what it usually does). */
    function run(shortcut: Shortcut): boolean {
      const row = currentRow();
      switch (shortcut) {
        case "new-task":
          return focusField('[aria-labelledby="add-task-heading"] input');
        case "search":
          return focusField('search input[type="search"]');
        case "help":
          setHelpOpen(true);
          return true;
        case "next":
        case "previous": {
          const all = rows();
          if (all.length === 0) return false;
          const at = row ? all.indexOf(row) : -1;
          const next =
            at < 0
              ? shortcut === "next"
                ? all[0]
                : all.at(-1)
              : all[Math.min(Math.max(at + (shortcut === "next" ? 1 : -1), 0), all.length - 1)];
          next?.focus();
          return true;
        }
        case "toggle": {
          const task = latest.current.state.list.tasks.find((each) => each.id === row?.getAttribute(TASK_ROW_ATTRIBUTE));
          if (!task) return false;
          void latest.current.toggle(task);
          return true;
        }
        case "edit": {
          const title = row?.querySelector("[data-inline-title]");
          title?.dispatchEvent(new Event(EDIT_TITLE_EVENT));
          return Boolean(title);
        }
        case "delete": {
          const button = row?.querySelector<HTMLButtonElement>('[data-task-action="delete"]');
          button?.click();
          return Boolean(button);
        }
      }
    }

    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      const shortcut = shortcutFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        target: describeTarget(event.target),
      });
      if (shortcut && run(shortcut)) event.preventDefault();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <>
      <Button variant="ghost" onClick={() => setHelpOpen(true)} className="px-2 py-1 text-xs" aria-keyshortcuts="?">
        Keyboard shortcuts <kbd className="rounded border border-zinc-300 px-1 font-mono dark:border-zinc-600">?</kbd>
      </Button>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}
