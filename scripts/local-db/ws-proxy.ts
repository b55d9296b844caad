// WebSocket <-> TCP byte proxy for the Neon driver's Pool/Client (`neonConfig.wsProxy`):
// ws://127.0.0.1:PORT/v1?address=HOST:PORT. One TCP socket per WebSocket. The Neon client
// never closes its WebSocket and pglite-socket ignores Terminate, so the proxy closes both
// sides itself when the client sends Terminate, and each side when the other one goes away.
import type { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import type { StatsCounter } from "./connection-stats.ts";
import { createFrontendFramer } from "./frontend-framer.ts";
import type { AddressCheck } from "./loopback.ts";
import { createReadyWatcher, type SessionGate } from "./session-gate.ts";
import type { SimulatedDistance } from "./simulated-distance.ts";

export type WsProxyOptions = {
  isFrontedDatabase: AddressCheck;
  /** In front of PGlite: one conversation at a time (see session-gate.ts). */
  sessionGate?: SessionGate;
  /** Simulated distance: everything the database sends reaches the client this much later. */
  distance: SimulatedDistance;
  stats: StatsCounter;
  log: (line: string) => void;
};

export type WsProxy = {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
};

/** "host:port", "[::1]:port" -> {host, port}; undefined when malformed. */
export function parseAddress(address: string | null): { host: string; port: number } | undefined {
  const match = address?.match(/^(\[[^\]]+\]|[^:]+):(\d{1,5})$/);
  if (!match) return undefined;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  return { host: (match[1] ?? "").replace(/^\[|\]$/g, ""), port };
}

const GRACEFUL_CLOSE_MS = 2000;
/** SQLSTATE 08006, connection_failure: the class the workers read as "the database is not there". */
const CONNECTION_FAILURE = "08006";

/** A Postgres ErrorResponse ('E') of severity FATAL. */
function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.concat(
    [
      ["S", "FATAL"],
      ["V", "FATAL"],
      ["C", code],
      ["M", message],
    ].map(([type, value]) => Buffer.from(`${type}${value}\0`, "utf8")),
  );
  const body = Buffer.concat([fields, Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write("E", 0, "ascii");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

export function createWsProxy(options: WsProxyOptions): WsProxy {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const sessions = new Set<() => void>();

  function refuse(socket: Duplex, status: string, message: string) {
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
    );
  }

  function proxy(ws: WebSocket, host: string, port: number) {
    options.stats.countWsSession();
    const tcp = options.stats.trackSocket(new Socket());
    tcp.setNoDelay(true);
    const framer = createFrontendFramer();
    let awaitingEncryptionAnswer = false;
    let closed = false;
    let connected = false;
    let clientSpoke = false;
    /** Why the database could not be reached, once that is known. */
    let unreachable: Error | undefined;
    // Holding the session gate: from the first message until Postgres is idle again.
    let release: (() => void) | undefined;
    let readyExpected = 0;
    let writes: Promise<void> = Promise.resolve();
    const gate = options.sessionGate;
    const ready = createReadyWatcher((idle) => {
      readyExpected = Math.max(0, readyExpected - 1);
      if (idle && readyExpected === 0) {
        release?.();
        release = undefined;
      }
    });
    // The database's answers, in order, each held `rttMs` from its arrival (LOCAL_DB_RTT_MS).
    let delivered: Promise<void> = Promise.resolve();
    const toClient = (data: Buffer) => {
      const rtt = options.distance.rttMs;
      if (rtt <= 0) {
        if (ws.readyState === ws.OPEN) ws.send(data);
        return;
      }
      const due = Date.now() + rtt;
      delivered = delivered
        .then(() => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()))))
        .then(() => {
          if (ws.readyState === ws.OPEN) ws.send(data);
        });
    };
    const send = (forward: Buffer, expected: number) => {
      if (!gate) return void tcp.write(forward);
      writes = writes.then(async () => {
        if (closed) return;
        release ??= await gate.acquire();
        if (closed) {
          release();
          release = undefined;
          return;
        }
        readyExpected += expected;
        tcp.write(forward);
      });
    };

    const closeBoth = (reason: string) => {
      if (closed) return;
      closed = true;
      release?.();
      release = undefined;
      sessions.delete(destroy);
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1000, reason.slice(0, 100));
      // end() lets pending bytes (such as a Terminate) reach the server; destroy if it lingers.
      tcp.end();
      setTimeout(() => tcp.destroy(), GRACEFUL_CLOSE_MS).unref();
      setTimeout(() => ws.terminate(), GRACEFUL_CLOSE_MS).unref();
    };
    const destroy = () => {
      closed = true;
      release?.();
      release = undefined;
      tcp.destroy();
      ws.terminate();
    };
    sessions.add(destroy);

    // The database cannot be reached: answer the client's first message as Postgres answers a
    // startup it refuses (and as Neon's proxy does when it cannot reach the compute), with a FATAL
    // ErrorResponse, then close. Closing at once instead races the driver's coalesced first write,
    // which then throws "send() after close()" outside any promise.
    const answerUnreachable = () => {
      if (closed || !unreachable) return;
      const message = `could not connect to the database: ${unreachable.message}`;
      if (ws.readyState === ws.OPEN) ws.send(errorResponse(CONNECTION_FAILURE, message));
      closeBoth("database unreachable");
    };

    ws.on("message", (data, isBinary) => {
      if (closed) return;
      clientSpoke = true;
      if (unreachable) return answerUnreachable();
      const chunk = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      if (!isBinary && chunk.length === 0) return;
      const { forward, terminated, encryptionRequested, readyExpected: expected } = framer.push(chunk);
      if (encryptionRequested) awaitingEncryptionAnswer = true;
      if (forward.length > 0) send(forward, expected);
      if (terminated) closeBoth("terminated");
    });
    ws.on("close", () => closeBoth("websocket closed"));
    ws.on("error", (error) => {
      options.log(`ws proxy: websocket error: ${error.message}`);
      closeBoth("websocket error");
    });

    tcp.on("data", (data) => {
      let framed = data;
      if (awaitingEncryptionAnswer) {
        awaitingEncryptionAnswer = false;
        // 'S' / 'G': the rest of the stream is encrypted and can no longer be framed.
        if (data[0] === 0x53 || data[0] === 0x47) {
          const rest = framer.passthrough();
          if (rest.length > 0) tcp.write(rest);
        }
        framed = data.subarray(1); // the one-byte answer is not a framed message
      }
      if (gate) ready.push(framed);
      toClient(data);
    });
    tcp.on("connect", () => {
      connected = true;
    });
    tcp.on("close", () => {
      if (!unreachable) closeBoth("server closed");
    });
    tcp.on("error", (error) => {
      options.log(`ws proxy: ${host}:${port}: ${error.message}`);
      if (connected) return closeBoth("server error");
      unreachable ??= error;
      if (clientSpoke) answerUnreachable();
    });
    tcp.connect({ host, port });
  }

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? "/", "http://localhost");
      if (url.pathname !== "/v1" && url.pathname !== "/v2") return refuse(socket, "404 Not Found", "not found");
      const target = parseAddress(url.searchParams.get("address"));
      if (!target) return refuse(socket, "400 Bad Request", "expected ?address=HOST:PORT");
      if (!options.isFrontedDatabase(target.host, target.port)) {
        options.log(`ws proxy: refused ${target.host}:${target.port}, which is not the database it fronts`);
        return refuse(socket, "403 Forbidden", "only the fronted database is reachable");
      }
      wss.handleUpgrade(request, socket, head, (ws) => proxy(ws, target.host, target.port));
    },
    close() {
      for (const destroy of [...sessions]) destroy();
      sessions.clear();
      wss.close();
    },
  };
}
