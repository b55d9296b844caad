/**
 * The browser's end of live updates: one WebSocket to the API worker's `/api/:userId/live`, kept
 * open for as long as the page shows tasks (docs/live-updates.md).
 *
 * - The token rides as a subprotocol (`bearer.<JWT>`), never in the URL. The first socket uses the
 *   live ticket the page arrived with, when it has one, so a visit that only reads asks for no
 *   token; every later socket (renewal, reconnect) takes the page's token cache's.
 * - Changes arrive numbered (`version`). A reconnect whose `hello` names another version than the
 *   last seen, or a change that skips one, means changes were missed: `onResync` refetches the
 *   view. Versions already seen (a renewal's two sockets overlap) are dropped.
 * - The first `hello` has no earlier version to compare with: its `changed_at` against the page's
 *   `renderedAt` says whether a change committed after the server read the page's data
 *   (live-catch-up.ts); if so, `onResync` too. Otherwise nothing is fetched, and a visit that only
 *   reads asks for no token.
 * - A lost connection is retried with full jitter (a random wait up to 1 s, 2 s, 4 s … 30 s), so
 *   a deploy that drops every socket at once does not bring every tab back at the same instant.
 *   A refused upgrade also drops the cached token: the next one is fetched, and a session that
 *   has ended shows itself there (`onSessionEnded`).
 * - Before the token expires, a second socket opens with a fresh one and the first closes once it
 *   is in (make before break): no gap. The server closes a socket whose token expired anyway.
 * - A socket that has not said `hello` within `GREETING_TIMEOUT_MS` (stuck connecting, or opened
 *   by something in the way that never answers) is given up and retried: the heartbeat watches
 *   only sockets that are in, and a close event may never come for a dead connection.
 * - The server closing with "session ended" or "account deleted" ends it for good.
 * Nothing here throws or shows anything: without live updates the page works as before.
 */
import {
  BEARER_PROTOCOL_PREFIX,
  CLOSE_CODES,
  LIVE_PROTOCOL,
  type LiveMessage,
  PING,
} from "../../../worker-api/src/live/protocol.ts";
import { ApiError } from "./api.ts";
import { missedChanges } from "./live-catch-up.ts";
import { lifetimeMs, REFRESH_MARGIN_MS, type TokenCache } from "./token-cache.ts";

export type LiveChangeMessage = Extract<LiveMessage, { type: "change" }>;

export type LiveHandlers = {
  onChange(change: LiveChangeMessage): void;
  /** Changes were missed (a reconnect, a gap): refetch what the page shows. */
  onResync(): void;
  onSessionEnded(): void;
};

export type LiveConnectionOptions = LiveHandlers & {
  /** The API worker's origin, http(s). */
  baseUrl: string;
  userId: string;
  tokens: TokenCache;
  /** The page's live ticket (web/lib/auth/server-api-token.ts), for the first socket only. */
  ticket?: string;
  /** When the server started reading the page's first data (FirstLoad's `renderedAt`): the state the page starts from. */
  renderedAt?: number;
  WebSocket?: typeof WebSocket;
  random?: () => number;
  now?: () => number;
};

export const RETRY_BASE_MS = 1_000;
export const RETRY_CAP_MS = 30_000;
export const HEARTBEAT_MS = 30_000;
/** The server greets at once after the upgrade; this allows for a slow network and a cold object. */
export const GREETING_TIMEOUT_MS = 15_000;

/** Full jitter: uniformly random up to min(cap, base · 2^attempt). */
export const retryDelay = (attempt: number, random: () => number) =>
  Math.floor(random() * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt));

export const liveUrl = (baseUrl: string, userId: string) =>
  `${baseUrl.replace(/\/$/, "").replace(/^http/, "ws")}/api/${encodeURIComponent(userId)}/live`;

export type LiveConnection = { close(): void };

export function connectLive(options: LiveConnectionOptions): LiveConnection {
  const Socket = options.WebSocket ?? globalThis.WebSocket;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const url = liveUrl(options.baseUrl, options.userId);
  let current: WebSocket | null = null;
  let lastVersion: number | null = null;
  let attempt = 0;
  let stopped = false;
  let lastHeard = now();
  let ticket = options.ticket;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  function stop() {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    clearInterval(heartbeat);
    current?.close(1000, "page closed");
    current = null;
    unlisten?.("online", reconnectNow);
  }

  function endedForGood() {
    stop();
    options.onSessionEnded();
  }

  function retry() {
    if (stopped) return;
    later(retryDelay(attempt++, random), () => void open());
  }

  function reconnectNow() {
    if (stopped || current) return;
    attempt = 0;
    void open();
  }

  async function open(): Promise<void> {
    if (stopped) return;
    let token: string;
    try {
      token = ticket ?? (await options.tokens.get());
      ticket = undefined;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return endedForGood();
      return retry();
    }
    if (stopped) return;
    let socket: WebSocket;
    try {
      socket = new Socket(url, [LIVE_PROTOCOL, `${BEARER_PROTOCOL_PREFIX}${token}`]);
    } catch {
      return retry();
    }
    let greeted = false;
    let abandoned = false;
    later(GREETING_TIMEOUT_MS, () => {
      if (greeted || stopped) return;
      abandoned = true;
      socket.close(4000, "no greeting");
      options.tokens.invalidate();
      retry();
    });
    socket.addEventListener("message", (event) => {
      if (abandoned) return;
      lastHeard = now();
      const message = parse(event.data);
      if (!message) return;
      if (message.type === "closing") {
        if (message.code === CLOSE_CODES.sessionEnded || message.code === CLOSE_CODES.accountDeleted) endedForGood();
        return;
      }
      if (message.type === "hello") {
        greeted = true;
        // Make before break: the socket this one renews closes only now that this one is in.
        const previous = current;
        current = socket;
        if (previous && previous !== socket) previous.close(1000, "renewed");
        attempt = 0;
        if (missedChanges({ version: lastVersion, renderedAt: options.renderedAt }, message)) options.onResync();
        lastVersion = message.version;
        scheduleRenewal(token);
        return;
      }
      if (lastVersion !== null && message.version <= lastVersion) return;
      const missed = lastVersion !== null && message.version !== lastVersion + 1;
      lastVersion = message.version;
      if (missed) options.onResync();
      else options.onChange(message);
    });
    socket.addEventListener("close", (event) => {
      if (stopped || abandoned) return;
      if (event.code === CLOSE_CODES.sessionEnded || event.code === CLOSE_CODES.accountDeleted) return endedForGood();
      if (socket !== current && greeted) return; // a renewed socket, replaced on purpose
      if (socket === current) current = null;
      if (event.code === CLOSE_CODES.tokenExpired) {
        options.tokens.invalidate();
        return reconnectNow();
      }
      // Refused before the upgrade (a stale token, an ended session, the API down): a fresh token
      // next time, whose fetch also tells an ended session apart.
      if (!greeted) options.tokens.invalidate();
      retry();
    });
  }

  function scheduleRenewal(token: string) {
    const lifetime = lifetimeMs(token);
    if (!lifetime) return;
    // Once the token cache would fetch a new token (it counts from the token's arrival, as this
    // does from the socket's greeting); spread by up to 10 s so that tabs do not align.
    const wait = Math.max(5_000, lifetime - REFRESH_MARGIN_MS + random() * 10_000);
    later(wait, () => void open());
  }

  // A socket that died without a close frame (sleep, a lost network) is found by its silence.
  const heartbeat = setInterval(() => {
    if (!current || stopped) return;
    if (now() - lastHeard > 2 * HEARTBEAT_MS) {
      const dead = current;
      current = null;
      dead.close(4000, "no heartbeat");
      retry();
      return;
    }
    if (current.readyState === 1) current.send(PING);
  }, HEARTBEAT_MS);

  const unlisten = globalThis.removeEventListener?.bind(globalThis);
  globalThis.addEventListener?.("online", reconnectNow);
  void open();
  return { close: stop };
}

function parse(data: unknown): LiveMessage | null {
  if (typeof data !== "string") return null;
  try {
    const message = JSON.parse(data) as LiveMessage | { type: "pong" };
    return message.type === "hello" || message.type === "change" || message.type === "closing" ? message : null;
  } catch {
    return null;
  }
}
