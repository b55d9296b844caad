/**
 * `GET /api/:userId/live`: the WebSocket of live updates, handed to the person's live object
 * (live/live-updates-object.ts) once the upgrade has passed every check a task route makes: the
 * token (carried as a subprotocol, live/subprotocol-token.ts) with its signature, issuer and
 * audience (an API token, or the live ticket a tasks page arrives with), the path's user being the token's, and the session still live in the database (one
 * statement). Every refusal is an ordinary JSON error, before any upgrade.
 */
import { Hono } from "hono";
import { getConfig } from "../config.ts";
import { assertLiveSession } from "../data/session-check.ts";
import { ApiError } from "../errors.ts";
import { taskOperation } from "../lib/openapi-operation.ts";
import { EXPIRES_AT_HEADER, SESSION_ID_HEADER } from "../live/live-updates-object.ts";
import { LIVE_PROTOCOL } from "../live/protocol.ts";
import { offeredProtocols, subprotocolToken } from "../live/subprotocol-token.ts";
import { authenticate } from "../middleware/authenticate.ts";
import { methodNotAllowed } from "../middleware/method-not-allowed.ts";
import { ownTasksOnly } from "../middleware/own-tasks-only.ts";
import { requestDatabase } from "../middleware/request-database.ts";
import type { AppEnv } from "../types.ts";

const PATH = "/api/:userId/live";

export const liveRoutes = new Hono<AppEnv>();

const operation = taskOperation({
  operationId: "liveUpdates",
  summary:
    "The person's live updates, as a WebSocket: offer the subprotocols `edge-tasks.live.v1` and `bearer.<JWT>` (the token rides there, not in the Authorization header or the URL); messages are `{type: hello|change|closing, …}` (docs/live-updates.md)",
  success: { status: 101, description: "Switching to the WebSocket; the answer names `edge-tasks.live.v1` only." },
  errors: [400, 426],
});

liveRoutes.get(
  PATH,
  operation,
  requestDatabase(),
  authenticate({ tokenSource: subprotocolToken, liveTickets: true }),
  ownTasksOnly(),
  async (c) => {
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
      throw new ApiError(426, "upgrade_required", "This is a WebSocket endpoint: send `Upgrade: websocket`.", {
        headers: { Upgrade: "websocket" },
      });
    }
    if (!offeredProtocols(c).includes(LIVE_PROTOCOL)) {
      throw new ApiError(400, "unsupported_protocol", `Offer the subprotocol \`${LIVE_PROTOCOL}\`.`);
    }
    // A browser always sends its page's origin: a page elsewhere must not hold a person's socket.
    const origin = c.req.header("Origin");
    if (origin !== undefined && origin !== getConfig(c.env).webOrigin) {
      throw new ApiError(403, "forbidden_origin", "WebSockets are accepted from the web app's own pages only.");
    }
    const caller = c.get("caller");
    await assertLiveSession(c.get("db"), caller);

    // The object sees who the socket belongs to, never the token itself.
    const headers = new Headers(c.req.raw.headers);
    headers.delete("Sec-WebSocket-Protocol");
    headers.set(SESSION_ID_HEADER, caller.sessionId);
    headers.set(EXPIRES_AT_HEADER, String(c.get("tokenExpiresAt")));
    try {
      return await c.env.LIVE_UPDATES.getByName(caller.userId).fetch(c.req.url, { headers });
    } catch (error) {
      throw new ApiError(503, "live_unavailable", "Live updates are unavailable right now; the app works without them.", {
        cause: error,
        headers: { "Retry-After": "5" },
      });
    }
  },
);
liveRoutes.all(PATH, methodNotAllowed(["GET"]));
