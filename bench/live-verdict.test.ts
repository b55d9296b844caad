import { describe, expect, it } from "vitest";
import { failedCorrectness } from "./live-verdict.ts";

const good = { cross_person_events: 0, fuzzed_upgrades_accepted: 0, events_missing: 0, object_requests_per_write: 1 };

describe("bench:live's correctness verdict", () => {
  it("passes a run whose every correctness figure holds", () => {
    expect(failedCorrectness(good)).toEqual([]);
  });

  it.each([
    ["cross_person_events", 1],
    ["fuzzed_upgrades_accepted", 2],
    ["events_missing", 3],
    ["events_missing", -1],
    ["object_requests_per_write", 1.017],
    ["object_requests_per_write", 0.5],
    ["object_requests_per_write", Number.NaN],
  ] as const)("fails %s = %s", (name, value) => {
    expect(failedCorrectness({ ...good, [name]: value })).toEqual([
      `${name} = ${value} (wanted ${name === "object_requests_per_write" ? 1 : 0})`,
    ]);
  });
});
