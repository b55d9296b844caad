/**
 * One Durable Object per person (named by their user id): it holds that person's open WebSockets
 * and forwards each change the API worker publishes to all of them. Postgres stays the only source
 * of truth: the object keeps no task data, only a change counter (`version`) and when the latest
 * change committed (`changedAt`), for pages whose socket opens after it (their first `hello`).
 *
 * Sockets are accepted with the hibernation API: while nobody writes, the object is evicted from
 * memory and its sockets stay open at no duration cost; the next publish (or alarm) wakes a new
 * instance, which finds them again with `getWebSockets()` and their attachments. Nothing here may
 * live only in a field of the instance.
 */
import { DurableObject } from "cloudflare:workers";
import { CLOSE_CODES, LIVE_PROTOCOL, type LiveChange, type LiveMessage, PING, PONG } from "./protocol.ts";

/** Headers the API worker sets on the upgrade it forwards (the object is not reachable otherwise). */
export const SESSION_ID_HEADER = "X-Live-Session-Id";
export const EXPIRES_AT_HEADER = "X-Live-Expires-At";

/**
 * What the object keeps in its storage, so that it survives hibernation and eviction: one record,
 * written once per change.
 */
type Clock = { version: number; changedAt: number | null };
const CLOCK_KEY = "clock";
/** Where objects made before `changedAt` kept their count. */
const LEGACY_VERSION_KEY = "version";

/** What each socket remembers across hibernation. */
type SocketAttachment = { sessionId: string; expiresAt: number };

const sessionTag = (sessionId: string) => `sid:${sessionId}`;

export class LiveUpdates extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Heartbeats are answered by the runtime itself: they never wake a hibernating object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** The upgrade, already authenticated by the worker (routes/live.ts). */
  override async fetch(request: Request): Promise<Response> {
    const sessionId = request.headers.get(SESSION_ID_HEADER);
    const expiresAt = Number(request.headers.get(EXPIRES_AT_HEADER));
    if (!sessionId || !Number.isFinite(expiresAt) || request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return new Response("The live object only accepts upgrades forwarded by the API worker.", { status: 400 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [sessionTag(sessionId)]);
    server.serializeAttachment({ sessionId, expiresAt } satisfies SocketAttachment);
    const { version, changedAt } = this.clock();
    server.send(JSON.stringify({ type: "hello", version, changed_at: changedAt } satisfies LiveMessage));
    await this.closeAt(expiresAt);
    return new Response(null, { status: 101, webSocket: client, headers: { "Sec-WebSocket-Protocol": LIVE_PROTOCOL } });
  }

  /**
   * Sends one change to every socket of the person, numbered with the next version.
   * @param committedAt - when the write committed (ms, the API worker's clock once its statement
   *   returned); not a finite number: now, which is later still.
   * @returns the version given to the change and how many sockets it went to.
   */
  async publish(change: LiveChange, committedAt: number): Promise<{ version: number; sockets: number }> {
    const clock = this.clock();
    const version = clock.version + 1;
    const at = Number.isFinite(committedAt) ? committedAt : Date.now();
    // Writes racing from two devices may arrive in another order than they committed: the latest stays.
    this.ctx.storage.kv.put(CLOCK_KEY, { version, changedAt: Math.max(clock.changedAt ?? at, at) } satisfies Clock);
    const message = JSON.stringify({ type: "change", version, ...change } satisfies LiveMessage);
    const sockets = this.ctx.getWebSockets();
    for (const socket of sockets) {
      try {
        socket.send(message);
      } catch {
        // Closing under us: its client reconnects and catches up.
      }
    }
    return { version, sockets: sockets.length };
  }

  /** Closes the sockets of these sessions (signed out, revoked). @returns how many were open. */
  async endSessions(sessionIds: string[]): Promise<number> {
    let closed = 0;
    for (const sessionId of new Set(sessionIds)) {
      for (const socket of this.ctx.getWebSockets(sessionTag(sessionId))) {
        closed += closeQuietly(socket, CLOSE_CODES.sessionEnded, "session_ended");
      }
    }
    return closed;
  }

  /** The account is gone: every socket closes and the object forgets everything it held. */
  async endAccount(): Promise<number> {
    let closed = 0;
    for (const socket of this.ctx.getWebSockets()) closed += closeQuietly(socket, CLOSE_CODES.accountDeleted, "account_deleted");
    await this.ctx.storage.deleteAll();
    return closed;
  }

  /** Closes the sockets whose token has expired, and wakes again for the next one to expire. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const socket of this.ctx.getWebSockets()) {
      const { expiresAt } = socket.deserializeAttachment() as SocketAttachment;
      if (expiresAt <= now) closeQuietly(socket, CLOSE_CODES.tokenExpired, "token_expired");
      else next = Math.min(next, expiresAt);
    }
    if (Number.isFinite(next)) await this.ctx.storage.setAlarm(next);
  }

  /** Clients send only heartbeats (answered by the runtime); anything else is ignored. */
  override async webSocketMessage(): Promise<void> {}

  override async webSocketClose(socket: WebSocket, code: number, reason: string): Promise<void> {
    // 1005/1006 are reserved: they may not be sent back.
    closeQuietly(socket, code === 1005 || code === 1006 ? 1000 : code, reason);
  }

  override async webSocketError(socket: WebSocket): Promise<void> {
    closeQuietly(socket, 1011, "error");
  }

  private clock(): Clock {
    const kv = this.ctx.storage.kv;
    return kv.get<Clock>(CLOCK_KEY) ?? { version: kv.get<number>(LEGACY_VERSION_KEY) ?? 0, changedAt: null };
  }

  /** An alarm at the earliest expiry of the open sockets (one alarm per object). */
  private async closeAt(expiresAt: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > expiresAt) await this.ctx.storage.setAlarm(expiresAt);
  }
}

/**
 * Says why, then closes: a client learns the reason from the message at once, whereas the close
 * event waits for the whole closing handshake (which some stacks hold open for seconds).
 * @returns 1 if the socket was open and is now closing, 0 if it was already closing or closed.
 */
function closeQuietly(socket: WebSocket, code: number, reason: string): number {
  if (socket.readyState !== WebSocket.OPEN) return 0;
  try {
    if (code >= 4000) socket.send(JSON.stringify({ type: "closing", code, reason } satisfies LiveMessage));
    socket.close(code, reason);
    return 1;
  } catch {
    return 0;
  }
}
