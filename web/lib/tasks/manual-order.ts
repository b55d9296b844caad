/**
 * The manual order on the client: where a task stands among the loaded ones by its key, as the API
 * sorts them (`position` in the C collation, which is JavaScript's string order; no key after every
 * key; equal keys by id), and the key a move gives it (`generateKeyBetween` of `fractional-indexing`,
 * between its new neighbours; docs/decisions/due-dates-and-list-cursors.md).
 */
import { generateKeyBetween } from "fractional-indexing";
import type { Task } from "./api.ts";
import { compareInList, placeIndex } from "./list-order.ts";
import type { SortOrder } from "./task-query.ts";

type Positioned = Pick<Task, "id" | "position">;

/** Ascending manual order: by key, no key last, equal keys by id (list-order.ts). */
export const compareManual = (a: Positioned, b: Positioned): number => compareInList(a, b, "position", "asc");

/**
 * `tasks` with `task` taken out and put back where its key places it in `order`. When more pages
 * follow (`complete` false) and it sorts after the last loaded task, it belongs to a page not
 * loaded yet: it leaves the list.
 */
export function placeByPosition<T extends Positioned>(tasks: T[], task: T, order: SortOrder, complete: boolean): T[] {
  const others = tasks.filter((other) => other.id !== task.id);
  const at = placeIndex(others, task, "position", order, complete);
  return at < 0 ? others : [...others.slice(0, at), task, ...others.slice(at)];
}

/**
 * The key for the task `movedId` where it now stands in `shown` (the list as it looks after the
 * move, in `order`). Equal neighbours count as one: a move between two equal keys places after
 * both. Tasks without a key (from before the manual order existed) sort last: a task dropped
 * among them goes just after the last keyed task.
 */
export function keyForMove(shown: Positioned[], movedId: string, order: SortOrder): string {
  const ascending = order === "asc" ? shown : [...shown].reverse();
  const at = ascending.findIndex((task) => task.id === movedId);
  if (at < 0) throw new Error(`task ${movedId} is not in the list`);
  const keysBefore = ascending
    .slice(0, at)
    .map((task) => task.position)
    .filter((key): key is string => key !== null);
  // The greatest key above (sort() is the code-unit order, the keys' own).
  const low = keysBefore.sort().at(-1) ?? null;
  const high =
    ascending
      .slice(at + 1)
      .map((task) => task.position)
      .find((key): key is string => key !== null && (low === null || key > low)) ?? null;
  return generateKeyBetween(low, high);
}
