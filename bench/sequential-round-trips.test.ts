import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sequentialRoundTrips } from "./sequential-round-trips.ts";

const at = (arrivedAt: number, answeredAt: number) => ({ arrivedAt, answeredAt });
const WINDOW = { from: 0, to: 1000 };

describe("sequentialRoundTrips", () => {
  it.each([
    ["none", [], 0],
    ["one", [at(10, 110)], 1],
    ["three in a row, with CPU time between them", [at(0, 100), at(180, 280), at(600, 700)], 3],
    ["two sent together count once", [at(0, 100), at(2, 103), at(110, 210)], 2],
    ["a long request beside two short ones in a row", [at(0, 300), at(5, 105), at(120, 220)], 2],
    ["one arriving just as the other is answered", [at(0, 100), at(100, 200)], 2],
    ["work before the window or after the response is not on the path", [at(-150, -50), at(10, 110), at(950, 1050)], 1],
  ])("%s", (_name, requests, expected) => {
    expect(sequentialRoundTrips(requests, WINDOW)).toBe(expected);
  });

  it("never counts more than the requests, nor fewer than one for any request in the window", () => {
    const request = fc
      .tuple(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 1, max: 100 }))
      .map(([start, length]) => at(start, start + length));
    fc.assert(
      fc.property(fc.array(request, { maxLength: 30 }), (requests) => {
        const count = sequentialRoundTrips(requests, WINDOW);
        expect(count).toBeLessThanOrEqual(requests.length);
        expect(count >= 1).toBe(requests.length > 0);
      }),
    );
  });

  it("counts a chain of n back-to-back requests as n, shuffled or not", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer(), (n, seed) => {
        const chain = Array.from({ length: n }, (_, i) => at(i * 100, i * 100 + 90));
        const shuffled = [...chain].sort((a, b) => ((a.arrivedAt * 7919 + seed) % 97) - ((b.arrivedAt * 7919 + seed) % 97));
        expect(sequentialRoundTrips(shuffled, WINDOW)).toBe(n);
      }),
    );
  });
});
