/** Live-updates test helpers: open the live WebSocket through the worker and read what it sends. */
import { BEARER_PROTOCOL_PREFIX, LIVE_PROTOCOL, type LiveMessage } from "../src/live/protocol.ts";
import { call } from "./helpers.ts";

export const livePath = (userId: string) => `/api/${encodeURIComponent(userId)}/live`;

/** The headers of a browser's upgrade offering the token as a subprotocol. */
export function upgradeHeaders(token: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  const protocols = [LIVE_PROTOCOL, ...(token === undefined ? [] : [`${BEARER_PROTOCOL_PREFIX}${token}`])];
  return { Upgrade: "websocket", "Sec-WebSocket-Protocol": protocols.join(", "), Origin: "http://localhost:3000", ...extra };
}

/** A client socket and every message and close it has seen. */
export type LiveClient = {
  response: Response;
  socket: WebSocket;
  messages: LiveMessage[];
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the message at `index` (0 = hello) once it has arrived. */
  message(index: number, timeoutMs?: number): Promise<LiveMessage>;
};

export async function openLive(testEnv: Env, userId: string, token: string): Promise<LiveClient> {
  const response = await call(testEnv, livePath(userId), { headers: upgradeHeaders(token) });
  const socket = response.webSocket;
  if (response.status !== 101 || !socket) throw new Error(`upgrade refused: ${response.status} ${await response.text()}`);
  const messages: LiveMessage[] = [];
  const waiters: (() => void)[] = [];
  socket.accept();
  socket.addEventListener("message", (event) => {
    messages.push(JSON.parse(event.data as string) as LiveMessage);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.addEventListener("close", (event) => resolve({ code: event.code, reason: event.reason })),
  );
  async function message(index: number, timeoutMs = 5000): Promise<LiveMessage> {
    const deadline = Date.now() + timeoutMs;
    while (messages.length <= index) {
      if (Date.now() > deadline) throw new Error(`no message #${index} within ${timeoutMs} ms (got ${JSON.stringify(messages)})`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return messages[index] as LiveMessage;
  }
  return { response, socket, messages, closed, message };
}

/** Lets messages already sent arrive, so that a test can assert that nothing else came. */
export const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));
