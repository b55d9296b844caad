// The bulk selection's logic (web/lib/tasks/selection.ts): click, shift-click ranges from the
// anchor in the order shown, "select all visible", and only shown tasks counting. (A .tsx file:
// the web project's happy-dom tests; this one renders nothing.)
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allVisibleState,
  clickTask,
  EMPTY_SELECTION,
  type Selection,
  toggleAllVisible,
  visibleSelection,
} from "@/lib/tasks/selection";

const shown = ["a", "b", "c", "d", "e", "f"];
const clicks = (...steps: [string, boolean?][]) =>
  steps.reduce<Selection>((selection, [id, shift = false]) => clickTask(selection, id, shown, shift), EMPTY_SELECTION);
const selected = (selection: Selection) => visibleSelection(selection, shown);

describe("selecting tasks", () => {
  it("a click selects one task, a second click clears it", () => {
    expect(selected(clicks(["b"]))).toEqual(["b"]);
    expect(selected(clicks(["b"], ["d"]))).toEqual(["b", "d"]);
    expect(selected(clicks(["b"], ["d"], ["b"]))).toEqual(["d"]);
  });

  it("a shift-click selects the range from the last click, downwards or upwards", () => {
    expect(selected(clicks(["b"], ["e", true]))).toEqual(["b", "c", "d", "e"]);
    expect(selected(clicks(["e"], ["b", true]))).toEqual(["b", "c", "d", "e"]);
  });

  it("a second shift-click extends from the same anchor, keeping what was selected before", () => {
    expect(selected(clicks(["a"], ["c"], ["e", true], ["f", true]))).toEqual(["a", "c", "d", "e", "f"]);
  });

  it("a shift-click on a selected task clears the range", () => {
    expect(selected(clicks(["a"], ["f", true], ["b"], ["e", true]))).toEqual(["a", "f"]);
  });

  it("a shift-click with no anchor shown is a plain click", () => {
    expect(selected(clicks(["c", true]))).toEqual(["c"]);
    const gone = clickTask(EMPTY_SELECTION, "x", ["x", ...shown], false);
    expect(visibleSelection(clickTask(gone, "d", shown, true), shown)).toEqual(["d"]);
  });

  it("only tasks still shown count, in the order shown", () => {
    const selection = clicks(["e"], ["a"], ["c"]);
    expect(visibleSelection(selection, ["c", "d", "e"])).toEqual(["c", "e"]);
  });

  it("select all visible selects every shown task, then none; the box says all, some or none", () => {
    expect(allVisibleState(EMPTY_SELECTION, shown)).toBe("none");
    const some = clicks(["b"]);
    expect(allVisibleState(some, shown)).toBe("some");
    const all = toggleAllVisible(some, shown);
    expect(selected(all)).toEqual(shown);
    expect(allVisibleState(all, shown)).toBe("all");
    expect(selected(toggleAllVisible(all, shown))).toEqual([]);
    expect(allVisibleState(EMPTY_SELECTION, [])).toBe("none");
  });

  it("a shift-click range is always the contiguous run between anchor and target (property)", () => {
    const ids = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 12 });
    const scenario = ids.chain((list) =>
      fc.record({ list: fc.constant(list), anchor: fc.nat(list.length - 1), target: fc.nat(list.length - 1) }),
    );
    fc.assert(
      fc.property(scenario, ({ list, anchor, target }) => {
        const start = clickTask(EMPTY_SELECTION, list[anchor] as string, list, false);
        const ranged = visibleSelection(clickTask(start, list[target] as string, list, true), list);
        const expected = list.slice(Math.min(anchor, target), Math.max(anchor, target) + 1);
        // A shift-click on the anchor itself clears it (the anchor was selected).
        return anchor === target ? ranged.length === 0 : ranged.join("\u0000") === expected.join("\u0000");
      }),
    );
  });
});
