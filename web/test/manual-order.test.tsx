// The manual order on the client (lib/tasks/manual-order.ts): a moved task's key lands it where it
// was dropped, equal keys count as one neighbour, keyless tasks stay last, and placing a task by
// its key agrees with the API's order (key in string order, no key last, equal keys by id).
import fc from "fast-check";
import { generateKeyBetween } from "fractional-indexing";
import { describe, expect, it } from "vitest";
import { compareManual, keyForMove, placeByPosition } from "@/lib/tasks/manual-order";

type Row = { id: string; position: string | null };
const rows = (...keys: (string | null)[]): Row[] => keys.map((position, i) => ({ id: `id-${i}`, position }));
const move = <T,>(list: T[], from: number, to: number) => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
};

describe("keyForMove", () => {
  it("puts the task between its new neighbours, at the top and at the bottom", () => {
    const list = rows("a0", "a1", "a2", "a3");
    const check = (from: number, to: number) => {
      const shown = move(list, from, to);
      const moved = list[from] as Row;
      const key = keyForMove(shown, moved.id, "asc");
      const sorted = [...shown.map((row) => (row.id === moved.id ? { ...row, position: key } : row))].sort(compareManual);
      expect(
        sorted.map((row) => row.id),
        `${from} -> ${to}`,
      ).toEqual(shown.map((row) => row.id));
    };
    for (let from = 0; from < 4; from++) for (let to = 0; to < 4; to++) check(from, to);
  });

  it("in a list shown in descending order too", () => {
    const list = rows("a3", "a2", "a1", "a0");
    const shown = move(list, 3, 1); // a0 between a3 and a2
    const key = keyForMove(shown, "id-3", "desc");
    expect(key > "a2" && key < "a3").toBe(true);
  });

  it("counts equal neighbours as one: a move between them places after both", () => {
    const list = rows("a0", "a1", "a1", "a2");
    const shown = move(list, 0, 1); // dropped between the two a1s
    const key = keyForMove(shown, "id-0", "asc");
    expect(key > "a1" && key < "a2").toBe(true);
  });

  it("puts a task dropped among keyless ones just after the last keyed task", () => {
    const list = rows("a0", "a1", null, null);
    const shown = move(list, 0, 3);
    const key = keyForMove(shown, "id-0", "asc");
    expect(key > "a1").toBe(true);
  });

  it("lands every move of a random list where it was dropped (distinct keys)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), fc.nat(), (size, a, b) => {
        let key: string | null = null;
        const list: Row[] = [];
        for (let i = 0; i < size; i++) {
          key = generateKeyBetween(key, null);
          list.push({ id: `t${i}`, position: key });
        }
        const from = a % size;
        const to = b % size;
        const shown = move(list, from, to);
        const id = (list[from] as Row).id;
        const next = keyForMove(shown, id, "asc");
        const sorted = shown.map((row) => (row.id === id ? { ...row, position: next } : row)).sort(compareManual);
        return sorted.map((row) => row.id).join() === shown.map((row) => row.id).join();
      }),
    );
  });
});

describe("placeByPosition", () => {
  it("moves a task to its key's place, ties by id, keyless last", () => {
    const list = rows("a0", "a1", "a2", null);
    expect(placeByPosition(list, { id: "id-0", position: "a1V" }, "asc", true).map((row) => row.id)).toEqual([
      "id-1",
      "id-0",
      "id-2",
      "id-3",
    ]);
    expect(placeByPosition(list, { id: "id-2", position: "a1" }, "asc", true).map((row) => row.id)).toEqual([
      "id-0",
      "id-1",
      "id-2",
      "id-3",
    ]);
    expect(placeByPosition(list, { id: "id-0", position: "a3" }, "desc", true).map((row) => row.id)).toEqual([
      "id-0",
      "id-1",
      "id-2",
      "id-3",
    ]);
  });

  it("drops a task that now sorts after the last loaded one when more pages follow", () => {
    const list = rows("a0", "a1", "a2");
    expect(placeByPosition(list, { id: "id-0", position: "a5" }, "asc", false).map((row) => row.id)).toEqual(["id-1", "id-2"]);
    expect(placeByPosition(list, { id: "id-0", position: "a5" }, "asc", true).map((row) => row.id)).toEqual([
      "id-1",
      "id-2",
      "id-0",
    ]);
  });
});
