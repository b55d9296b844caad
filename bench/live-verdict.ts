/**
 * bench:live's correctness figures, which a run must meet or fail (exit code 1): an event to the
 * wrong person, an upgrade let in with someone else's id, a lost event, or other than one object
 * request per write is a bug at any speed. The timing figures (delivery, close after sign-out,
 * throughput ratios) depend on the machine and are judged by reading them.
 */
export type LiveCorrectness = {
  cross_person_events: number;
  fuzzed_upgrades_accepted: number;
  events_missing: number;
  object_requests_per_write: number;
};

/** The figures that fail, each as "name = value (wanted)"; empty when all hold. */
export function failedCorrectness(figures: LiveCorrectness): string[] {
  const wanted: [keyof LiveCorrectness, number][] = [
    ["cross_person_events", 0],
    ["fuzzed_upgrades_accepted", 0],
    ["events_missing", 0],
    ["object_requests_per_write", 1],
  ];
  // NaN (no writes) fails too: `!==` is true for it.
  return wanted
    .filter(([name, value]) => figures[name] !== value)
    .map(([name, value]) => `${name} = ${figures[name]} (wanted ${value})`);
}
