/**
 * Which tasks are selected for a bulk action, as a pure value: a click toggles one task and makes
 * it the anchor; a shift-click sets every task between the anchor and the clicked one (in the order
 * shown) to the clicked one's new state, as file managers and Gmail do; "select all visible"
 * selects or clears the tasks shown. Only tasks still shown count (`visibleSelection`): a task
 * deleted, or filtered away, drops out of the selection without anyone having to remove it.
 */

export type Selection = { readonly ids: ReadonlySet<string>; readonly anchor: string | null };

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

/**
 * A click on `id`'s box (`shift`: with Shift held) among `visible`, the ids in the order shown.
 * Without an anchor still shown, a shift-click is a plain click.
 */
export function clickTask(selection: Selection, id: string, visible: readonly string[], shift: boolean): Selection {
  const selecting = !selection.ids.has(id);
  const from = selection.anchor === null ? -1 : visible.indexOf(selection.anchor);
  const to = visible.indexOf(id);
  const ids = new Set(selection.ids);
  const range = shift && from >= 0 && to >= 0 ? visible.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
  for (const each of range) {
    if (selecting) ids.add(each);
    else ids.delete(each);
  }
  // The anchor stays put through shift-clicks, so that a second shift-click re-draws the range from it.
  return { ids, anchor: shift && from >= 0 ? selection.anchor : id };
}

/** The selected ids that are shown, in the order shown. */
export function visibleSelection(selection: Selection, visible: readonly string[]): string[] {
  return visible.filter((id) => selection.ids.has(id));
}

/** "Select all visible": every shown task, or none when all of them are selected already. */
export function toggleAllVisible(selection: Selection, visible: readonly string[]): Selection {
  const allSelected = visible.length > 0 && visible.every((id) => selection.ids.has(id));
  return allSelected ? EMPTY_SELECTION : { ids: new Set(visible), anchor: null };
}

/** The state of the "select all visible" box. */
export function allVisibleState(selection: Selection, visible: readonly string[]): "all" | "some" | "none" {
  const count = visibleSelection(selection, visible).length;
  if (count === 0) return "none";
  return count === visible.length ? "all" : "some";
}
