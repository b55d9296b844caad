/**
 * Sequential database round trips on an action's path, read from the local endpoint's own log
 * (LocalDatabase.recentHttpRequests): the most requests answered within the action's window that
 * ran one after another, each arriving after the one before it was answered. Far from the
 * database, requests sent together overlap and count once; work after the response falls outside
 * the window. CPU time between two requests (a password hash) adds nothing, which is why this
 * count holds on a busy machine where (far - near) / distance drifts with the hash's time.
 */
import type { TimedRequest } from "../scripts/local-db/connection-stats.ts";

export function sequentialRoundTrips(requests: readonly TimedRequest[], window: { from: number; to: number }): number {
  const within = requests
    .filter((request) => request.arrivedAt >= window.from && request.answeredAt <= window.to)
    .sort((a, b) => a.answeredAt - b.answeredAt);
  // The longest chain of requests that do not overlap: take the one answered first, then the first
  // answered among those that arrived after it, and so on (this greedy choice is optimal).
  let count = 0;
  let answered = Number.NEGATIVE_INFINITY;
  for (const request of within) {
    if (request.arrivedAt < answered) continue;
    count++;
    answered = request.answeredAt;
  }
  return count;
}
