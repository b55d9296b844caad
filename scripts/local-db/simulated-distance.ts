// The simulated distance to the database (LOCAL_DB_RTT_MS): every answer is held this long.
// One shared object, read at each answer, so that a benchmark can measure the same running
// servers near and far (LocalDatabase.setRttMs).
export type SimulatedDistance = { rttMs: number };

/** Holds an answer as a far-away database would (one round trip per HTTP request). */
export const travel = (distance: SimulatedDistance) =>
  distance.rttMs > 0 ? new Promise<void>((resolve) => setTimeout(resolve, distance.rttMs)) : undefined;
