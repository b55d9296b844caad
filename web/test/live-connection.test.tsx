// The browser's live connection (lib/tasks/live-connection.ts) against a scripted WebSocket: what it
// offers, how it numbers changes, when it resyncs, how it backs off, and when it stops for good.
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/tasks/api";
import {
  connectLive,
  GREETING_TIMEOUT_MS,
  HEARTBEAT_MS,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  retryDelay,
} from "@/lib/tasks/live-connection";
import { REFRESH_MARGIN_MS, type TokenCache } from "@/lib/tasks/token-cache";
import { CLOSE_CODES, LIVE_PROTOCOL } from "../../worker-api/src/live/protocol.ts";

class ScriptedSocket extends EventTarget {
  static opened: ScriptedSocket[] = [];
  readyState = 1;
  sent: string[] = [];
  closedWith: number | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    super();
    ScriptedSocket.opened.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close(code = 1000) {
    this.closedWith = code;
    this.readyState = 3;
  }
  receive(message: unknown) {
    this.dispatchEvent(new MessageEvent("message", { data: JSON.stringify(message) }));
  }
  serverCloses(code: number) {
    this.readyState = 3;
    this.dispatchEvent(Object.assign(new Event("close"), { code }));
  }
}

const change = (version: number) => ({ type: "change", version, op: "delete", ids: [`task-${version}`] });

function setup(tokenFetch: () => Promise<string> = async () => "header.payload.signature", ticket?: string, renderedAt?: number) {
  const tokens: TokenCache & { invalidations: number } = {
    invalidations: 0,
    get: vi.fn(tokenFetch),
    invalidate() {
      this.invalidations++;
    },
  };
  const handlers = { onChange: vi.fn(), onResync: vi.fn(), onSessionEnded: vi.fn() };
  const connection = connectLive({
    baseUrl: "http://localhost:8787",
    userId: "user 1",
    tokens,
    WebSocket: ScriptedSocket as unknown as typeof WebSocket,
    random: () => 0.5,
    ...(ticket && { ticket }),
    ...(renderedAt !== undefined && { renderedAt }),
    ...handlers,
  });
  return { tokens, handlers, connection };
}

const socket = (index: number) => ScriptedSocket.opened[index] as ScriptedSocket;

beforeEach(() => {
  ScriptedSocket.opened = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe("the live connection", () => {
  it("offers the token as a subprotocol, never in the URL", async () => {
    const { connection } = setup();
    await vi.advanceTimersByTimeAsync(0);
    expect(socket(0).url).toBe("ws://localhost:8787/api/user%201/live");
    expect(socket(0).protocols).toEqual([LIVE_PROTOCOL, "bearer.header.payload.signature"]);
    connection.close();
  });

  it("opens its first socket with the page's live ticket, asking for no token; later sockets use the token cache", async () => {
    const { tokens, connection } = setup(undefined, "ticket.payload.signature");
    await vi.advanceTimersByTimeAsync(0);
    expect(socket(0).protocols).toEqual([LIVE_PROTOCOL, "bearer.ticket.payload.signature"]);
    expect(tokens.get).not.toHaveBeenCalled();
    // Refused (an expired ticket from a page kept in the browser's cache): the retry takes a token.
    socket(0).serverCloses(1006);
    await vi.advanceTimersByTimeAsync(RETRY_BASE_MS);
    expect(socket(1).protocols).toEqual([LIVE_PROTOCOL, "bearer.header.payload.signature"]);
    expect(tokens.get).toHaveBeenCalledTimes(1);
    connection.close();
  });

  it("hands changes on in order, drops repeats, and resyncs on a gap", async () => {
    const { handlers, connection } = setup();
    await vi.advanceTimersByTimeAsync(0);
    socket(0).receive({ type: "hello", version: 4 });
    for (const version of [5, 5, 6, 8]) socket(0).receive(change(version));
    expect(handlers.onChange.mock.calls.map(([message]) => message.version)).toEqual([5, 6]);
    expect(handlers.onResync).toHaveBeenCalledTimes(1);
    connection.close();
  });

  it("on its first hello, resyncs only if a change committed after the page's data was read", async () => {
    const renderedAt = 1_800_000_000_123;
    const resyncs: number[] = [];
    for (const changedAt of [null, renderedAt - 5_000, renderedAt, renderedAt + 1]) {
      ScriptedSocket.opened = [];
      const { handlers, tokens, connection } = setup(undefined, "ticket.payload.signature", renderedAt);
      await vi.advanceTimersByTimeAsync(0);
      socket(0).receive({ type: "hello", version: 7, changed_at: changedAt });
      resyncs.push(handlers.onResync.mock.calls.length);
      // The first socket used the page's ticket: deciding asked for no token either way.
      expect(tokens.get).not.toHaveBeenCalled();
      connection.close();
    }
    expect(resyncs).toEqual([0, 0, 0, 1]);
  });

  it("catches up on the render's time when its first socket failed and a later one got in", async () => {
    const renderedAt = 1_800_000_000_123;
    const { handlers, connection } = setup(undefined, "ticket.payload.signature", renderedAt);
    await vi.advanceTimersByTimeAsync(0);
    socket(0).serverCloses(1006);
    await vi.advanceTimersByTimeAsync(RETRY_BASE_MS);
    socket(1).receive({ type: "hello", version: 1, changed_at: renderedAt + 2_000 });
    expect(handlers.onResync).toHaveBeenCalledTimes(1);
    // From then on the version is known: a reconnect with the same one is up to date.
    socket(1).serverCloses(1006);
    await vi.advanceTimersByTimeAsync(RETRY_BASE_MS);
    socket(2).receive({ type: "hello", version: 1, changed_at: renderedAt + 2_000 });
    expect(handlers.onResync).toHaveBeenCalledTimes(1);
    connection.close();
  });

  it("after a reconnect, resyncs only if changes happened meanwhile", async () => {
    const { handlers, tokens, connection } = setup();
    await vi.advanceTimersByTimeAsync(0);
    socket(0).receive({ type: "hello", version: 2 });
    socket(0).serverCloses(1006);
    await vi.advanceTimersByTimeAsync(RETRY_BASE_MS);
    socket(1).receive({ type: "hello", version: 2 });
    expect(handlers.onResync).not.toHaveBeenCalled();
    socket(1).serverCloses(1012);
    await vi.advanceTimersByTimeAsync(RETRY_BASE_MS);
    socket(2).receive({ type: "hello", version: 3 });
    expect(handlers.onResync).toHaveBeenCalledTimes(1);
    // The sockets were in before they dropped: their token was not the problem.
    expect(tokens.invalidations).toBe(0);
    connection.close();
  });

  it("backs off with jitter while refused, with a fresh token each time", async () => {
    const { tokens, connection } = setup();
    await vi.advanceTimersByTimeAsync(0);
    for (let attempt = 0; attempt < 4; attempt++) {
      socket(attempt).serverCloses(1006);
      const wait = retryDelay(attempt, () => 0.5);
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(ScriptedSocket.opened).toHaveLength(attempt + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(ScriptedSocket.opened).toHaveLength(attempt + 2);
    }
    expect(tokens.invalidations).toBe(4);
    connection.close();
  });

  it("stops for good when the server ends the session or the account, and says so", async () => {
    for (const code of [CLOSE_CODES.sessionEnded, CLOSE_CODES.accountDeleted]) {
      ScriptedSocket.opened = [];
      const { handlers } = setup();
      await vi.advanceTimersByTimeAsync(0);
      socket(0).receive({ type: "hello", version: 0 });
      socket(0).serverCloses(code);
      await vi.advanceTimersByTimeAsync(RETRY_CAP_MS * 2);
      expect(handlers.onSessionEnded).toHaveBeenCalledTimes(1);
      expect(ScriptedSocket.opened).toHaveLength(1);
    }
  });

  it("stops on the server's closing notice, without waiting for the close handshake", async () => {
    const { handlers } = setup();
    await vi.advanceTimersByTimeAsync(0);
    socket(0).receive({ type: "hello", version: 0 });
    socket(0).receive({ type: "closing", code: CLOSE_CODES.sessionEnded, reason: "session_ended" });
    expect(handlers.onSessionEnded).toHaveBeenCalledTimes(1);
    expect(socket(0).closedWith).toBe(1000);
    await vi.advanceTimersByTimeAsync(RETRY_CAP_MS * 2);
    expect(ScriptedSocket.opened).toHaveLength(1);
  });

  it("stops when the token endpoint says the session has ended", async () => {
    const { handlers } = setup(async () => {
      throw new ApiError("ended", 401, "session_ended");
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(handlers.onSessionEnded).toHaveBeenCalledTimes(1);
    expect(ScriptedSocket.opened).toHaveLength(0);
  });

  it("reconnects at once with a fresh token when the server closes an expired one", async () => {
    const { tokens, connection } = setup();
    await vi.advanceTimersByTimeAsync(0);
    socket(0).receive({ type: "hello", version: 0 });
    socket(0).serverCloses(CLOSE_CODES.tokenExpired);
    await vi.advanceTimersByTimeAsync(0);
    expect(ScriptedSocket.opened).toHaveLength(2);
    expect(tokens.invalidations).toBe(1);
    connection.close();
  });

  it("gives up on a socket that never says hello, and tries again with a fresh token", async () => {
    const { tokens, handlers, connection } = setup();
    await vi.advanceTimersByTimeAsync(GREETING_TIMEOUT_MS - 1);
    expect(socket(0).closedWith).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(socket(0).closedWith).toBe(4000);
    expect(tokens.invalidations).toBe(1);
    await vi.advanceTimersByTimeAsync(retryDelay(0, () => 0.5));
    expect(ScriptedSocket.opened).toHaveLength(2);
    socket(1).receive({ type: "hello", version: 0 });
    // The abandoned socket's late greeting or close changes nothing.
    socket(0).receive({ type: "hello", version: 5 });
    socket(0).serverCloses(1006);
    await vi.advanceTimersByTimeAsync(RETRY_CAP_MS);
    expect(ScriptedSocket.opened).toHaveLength(2);
    socket(1).receive(change(1));
    expect(handlers.onChange).toHaveBeenCalledTimes(1);
    expect(handlers.onResync).not.toHaveBeenCalled();
    connection.close();
  });

  it("renews its token before it expires: a second socket opens, and the first closes only once the second says hello", async () => {
    /** A JWT as the token endpoint gives it: its claims readable, valid for 15 minutes from now. */
    const jwt = (n: number) => {
      const encode = (value: object) => btoa(JSON.stringify(value)).replaceAll("=", "");
      const iat = Math.floor(Date.now() / 1000);
      return `${encode({ alg: "EdDSA" })}.${encode({ sub: "user 1", iat, exp: iat + 15 * 60, n })}.signature`;
    };
    const issued: string[] = [];
    const { tokens, handlers, connection } = setup(async () => {
      issued.push(jwt(issued.length + 1));
      return issued.at(-1) as string;
    });
    await vi.advanceTimersByTimeAsync(0);
    socket(0).receive({ type: "hello", version: 3 });
    // The server answers every heartbeat; the renewal is due once the token cache would renew
    // (lifetime − margin, here + 0.5 × 10 s of spread), well before the token's 15 minutes.
    const due = 15 * 60_000 - REFRESH_MARGIN_MS + 5_000;
    let elapsed = 0;
    while (elapsed + HEARTBEAT_MS < due) {
      await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
      elapsed += HEARTBEAT_MS;
      socket(0).receive({ type: "pong" });
    }
    await vi.advanceTimersByTimeAsync(due - elapsed - 1);
    expect(ScriptedSocket.opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(ScriptedSocket.opened).toHaveLength(2);
    expect(tokens.get).toHaveBeenCalledTimes(2);
    expect(socket(1).protocols).toEqual([LIVE_PROTOCOL, `bearer.${issued[1]}`]);
    // Until the second is in, the first stays open and keeps delivering.
    expect(socket(0).closedWith).toBeNull();
    socket(0).receive(change(4));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(socket(0).closedWith).toBeNull();
    socket(1).receive({ type: "hello", version: 4 });
    expect(socket(0).closedWith).toBe(1000);
    // The two overlapped: a change both carry is handed on once, and nothing was missed.
    socket(0).receive(change(5));
    socket(1).receive(change(5));
    expect(handlers.onChange.mock.calls.map(([message]) => message.version)).toEqual([4, 5]);
    expect(handlers.onResync).not.toHaveBeenCalled();
    // The renewed socket's close is expected: no reconnect follows it.
    socket(0).serverCloses(1000);
    await vi.advanceTimersByTimeAsync(RETRY_CAP_MS);
    expect(ScriptedSocket.opened).toHaveLength(2);
    connection.close();
  });

  it("waits a random time below the capped exponential bound", () => {
    fc.assert(
      fc.property(fc.nat(40), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        const delay = retryDelay(attempt, () => random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.max(1, Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt)));
      }),
    );
  });
});
