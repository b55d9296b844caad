"use client";
/**
 * The tasks page's selection for bulk actions (selection.ts holds the logic): one per page,
 * shared by each task's box and the bulk bar. Pages without it (the dashboard) show no boxes.
 */
import { createContext, type ReactNode, use, useMemo, useState } from "react";
import { clickTask, EMPTY_SELECTION, type Selection, toggleAllVisible } from "./selection.ts";
import { type TasksStore, TasksProvider as TasksStoreProvider } from "./use-tasks.tsx";

type SelectionContextValue = {
  selection: Selection;
  /** A click on a task's box; `shift` extends from the last one clicked. `visible`: the ids shown, in order. */
  click(id: string, visible: readonly string[], shift: boolean): void;
  toggleAll(visible: readonly string[]): void;
  clear(): void;
};

const SelectionContext = createContext<SelectionContextValue | null>(null);

export function SelectionProvider({ children }: { children: ReactNode }) {
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const value = useMemo<SelectionContextValue>(
    () => ({
      selection,
      click: (id, visible, shift) => setSelection((current) => clickTask(current, id, visible, shift)),
      toggleAll: (visible) => setSelection((current) => toggleAllVisible(current, visible)),
      clear: () => setSelection(EMPTY_SELECTION),
    }),
    [selection],
  );
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

/** The tasks page's store (use-tasks.tsx) with a selection. */
export function TasksProvider({ store, children }: { store: TasksStore; children: ReactNode }) {
  return (
    <TasksStoreProvider store={store}>
      <SelectionProvider>{children}</SelectionProvider>
    </TasksStoreProvider>
  );
}

/** The page's selection, or null on a page that offers none. */
export const useSelection = (): SelectionContextValue | null => use(SelectionContext);
