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

export function createStats() {
  const stats: Stats = { connectionsOpened: 0, connectionsOpen: 0, httpQueries: 0, httpRequests: 0, wsSessions: 0 };
  return {
    snapshot: (): Stats => ({ ...stats }),
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
