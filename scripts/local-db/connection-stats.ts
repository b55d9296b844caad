// Counters behind LocalDatabase.stats(): every TCP connection the endpoint opens to Postgres
// (pg pool clients and WebSocket proxy sockets) is counted when opened and when closed.
import type { Socket } from "node:net";

export type Stats = {
  connectionsOpened: number;
  connectionsOpen: number;
  httpQueries: number;
  /** HTTP requests to /sql: database round trips (a batch of several statements is one). */
  httpRequests: number;
  wsSessions: number;
};

/** One request to /sql: when it arrived and when its answer was sent (ms, `performance.now()`). */
export type TimedRequest = { arrivedAt: number; answeredAt: number };

/** The newest requests kept for `recentHttpRequests()`: enough for any one action a benchmark times. */
const RECENT_REQUESTS = 1000;

export function createStats() {
  const stats: Stats = { connectionsOpened: 0, connectionsOpen: 0, httpQueries: 0, httpRequests: 0, wsSessions: 0 };
  const recent: TimedRequest[] = [];
  return {
    snapshot: (): Stats => ({ ...stats }),
    /** The newest answered requests to /sql, oldest first. */
    recentHttpRequests: (): TimedRequest[] => [...recent],
    recordHttpRequest(request: TimedRequest) {
      recent.push(request);
      if (recent.length > RECENT_REQUESTS) recent.shift();
    },
    /** Count a socket to Postgres until it closes. */
    trackSocket(socket: Socket): Socket {
      stats.connectionsOpened++;
      stats.connectionsOpen++;
      socket.once("close", () => {
        stats.connectionsOpen--;
      });
      return socket;
    },
    countHttpQueries(n: number) {
      stats.httpRequests++;
      stats.httpQueries += n;
    },
    countWsSession() {
      stats.wsSessions++;
    },
  };
}

export type StatsCounter = ReturnType<typeof createStats>;
