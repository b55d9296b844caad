/**
 * The live-updates protocol, shared by the API worker and the browser (a plain module with no
 * imports, so the web app may import it without pulling API code in).
 *
 * The browser opens `GET /api/:userId/live` as a WebSocket offering two subprotocols: `LIVE_PROTOCOL`
 * and `bearer.<JWT>`. The token rides in `Sec-WebSocket-Protocol`, not in the URL (URLs end up in
 * logs); the server answers with `LIVE_PROTOCOL` only, never echoing the token.
 */
export const LIVE_PROTOCOL = "edge-tasks.live.v1";
export const BEARER_PROTOCOL_PREFIX = "bearer.";

/**
 * The audience of a live ticket: a token the web server puts in the tasks pages so that their
 * socket opens without a request for `/api/auth/token` (docs/live-updates.md). Only the live
 * upgrade accepts it; every other route wants the web app's origin as audience and refuses it.
 */
export const liveTicketAudience = (webOrigin: string) => `${webOrigin}/live`;

/** The task as the API's JSON shows it (`toTaskJson`): what a change carries. */
export type LiveTask = {
  id: string;
  user_id: string;
  title: string;
  description: string | null;
  completed: boolean;
  completed_at: string | null;
  due: { date: string } | { at: string } | null;
  priority: "none" | "low" | "medium" | "high" | "urgent";
  position: string | null;
  label_ids: string[];
  created_at: string;
  updated_at: string;
};

/** A label as the API's JSON shows it. */
export type LiveLabel = { id: string; name: string; color: string; created_at: string };

/**
 * What a write changed: one task's new state, or the ids of the tasks it deleted; one label's new
 * state, or the id of the label it deleted (which the tasks that carried it no longer carry).
 */
export type LiveChange =
  | {
      op: "upsert";
      task: LiveTask;
      /**
       * The create's `Idempotency-Key`, when it sent one: the tab that made the task knows its own
       * echo by it, even when the echo arrives before the API's answer. Only the person's own sockets see it.
       */
      idempotency_key?: string;
    }
  | { op: "delete"; ids: string[] }
  | { op: "label_upsert"; label: LiveLabel }
  | { op: "label_delete"; ids: string[] }
  /** A bulk action on these tasks (a bulk delete is a `delete`). */
  | { op: "complete" | "reopen"; ids: string[] }
  | { op: "add_label" | "remove_label"; ids: string[]; label_id: string }
  /** Deleted tasks written back by Undo (POST /tasks/restore), each as it was. */
  | { op: "restore"; tasks: LiveTask[] };

/**
 * Server to browser. `version` counts the person's changes (one per write, in the order the object
 * received them): a browser that sees a gap, or a `hello` whose version differs from the last it
 * saw, has missed changes and refetches what it shows.
 */
export type LiveMessage =
  /**
   * `changed_at`: when the person's latest change the object was told of committed (ms since the
   * epoch, the API worker's clock once the write's statement had returned), null before any. A
   * page whose data the server read before that may lack it (web/lib/tasks/live-catch-up.ts).
   */
  | { type: "hello"; version: number; changed_at: number | null }
  | ({ type: "change"; version: number } & LiveChange)
  /** Sent just before the server closes the socket, so that the page acts on it without waiting for the close handshake. */
  | { type: "closing"; code: number; reason: string };

/** Browser to server, answered by the object without waking it (hibernation's auto-response). */
export const PING = '{"type":"ping"}';
export const PONG = '{"type":"pong"}';

/** Why the server closed a socket (4000-4999: the application's own codes). */
export const CLOSE_CODES = {
  /** The token's `exp` passed and the client had not reconnected with a fresh one. */
  tokenExpired: 4001,
  /** Signed out, signed out by another device, revoked, or a password reset. */
  sessionEnded: 4401,
  /** The account was deleted: every socket of the person. */
  accountDeleted: 4410,
} as const;
