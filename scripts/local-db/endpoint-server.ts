// The local Neon-compatible endpoint: one node:http server on 127.0.0.1 serving
//   POST /sql        Neon's HTTP query protocol (neon(), drizzle-orm/neon-http)
//   GET  /v1 (ws)    WebSocket proxy for the driver's Pool/Client (?address=HOST:PORT)
//   GET  /stats      connection and query counters
//   GET  /health     200
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { localRequestGuard } from "../lib/local-request-guard.ts";
import type { StatsCounter } from "./connection-stats.ts";
import type { AddressCheck } from "./loopback.ts";
import { createSqlHandler } from "./neon-http-protocol.ts";
import { createPoolRegistry } from "./pg-pools.ts";
import type { SessionGate } from "./session-gate.ts";
import type { SimulatedDistance } from "./simulated-distance.ts";
import { createWsProxy } from "./ws-proxy.ts";

export type EndpointOptions = {
  port: number;
  poolSize: number;
  /** The one database this endpoint fronts: nothing else is reachable through it. */
  isFrontedDatabase: AddressCheck;
  /** Set in front of PGlite, whose connections share one session (see session-gate.ts). */
  sessionGate?: SessionGate;
  /** Simulated distance to the database, per answer (LOCAL_DB_RTT_MS). */
  distance: SimulatedDistance;
  stats: StatsCounter;
  log: (line: string) => void;
};

export type Endpoint = { url: string; stop(): Promise<void> };

export async function startEndpoint(options: EndpointOptions): Promise<Endpoint> {
  const pools = createPoolRegistry(options);
  const handleSql = createSqlHandler({ ...options, pools });
  const wsProxy = createWsProxy(options);
  // No web page may use it (WebSockets included), not even one served from this address: see
  // local-request-guard.ts. The workers and tools that use this endpoint send no Origin.
  const guard = localRequestGuard({ allowOwnOrigin: false });
  const refuse = (request: IncomingMessage) => guard.refusal(request);

  const server: Server = createServer((request, response) => {
    const refusal = refuse(request);
    if (refusal) {
      response.writeHead(403, { "Content-Type": "application/json" }).end(JSON.stringify({ message: refusal }));
      return;
    }
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/sql" && request.method === "POST") {
      handleSql(request, response);
      return;
    }
    if (request.method === "GET" && path === "/stats") {
      const json = JSON.stringify(options.stats.snapshot());
      response.writeHead(200, { "Content-Type": "application/json" }).end(json);
      return;
    }
    if (request.method === "GET" && path === "/health") {
      response.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
      return;
    }
    response
      .writeHead(404, { "Content-Type": "application/json" })
      .end(JSON.stringify({ message: `no route for ${request.method} ${path}` }));
  });
  server.keepAliveTimeout = 65_000;
  server.on("upgrade", (request, socket, head) => {
    const refusal = refuse(request);
    if (refusal) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refusal}`);
      return;
    }
    wsProxy.handleUpgrade(request, socket, head);
  });
  server.on("clientError", (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  guard.listening(port);

  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      wsProxy.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await pools.end();
    },
  };
}
