/**
 * The tasks API worker. This file only mounts: the global middleware (request id, access log,
 * security headers, CORS), the health routes, the task routes (which declare their own guards)
 * and the OpenAPI document generated from them. Errors all leave through `handleError`.
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { getConfig } from "./config.ts";
import { errorResponse, handleError } from "./errors.ts";
import { accessLog } from "./middleware/access-log.ts";
import { healthRoutes } from "./routes/health.ts";
import { labelRoutes } from "./routes/labels.ts";
import { liveRoutes } from "./routes/live.ts";
import { openApiDocument } from "./routes/openapi.ts";
import { taskRoutes } from "./routes/tasks.ts";
import type { AppEnv } from "./types.ts";

// The main module may export only handlers and classes (workerd rejects other named exports); the
// client's type is in app-type.ts.
const app = new Hono<AppEnv>()
  .use(requestId(), accessLog(), secureHeaders())
  .use(
    "/api/*",
    cors({
      origin: (origin, c) => (origin === getConfig(c.env).webOrigin ? origin : null),
      allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
      allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key"],
      // Content-Disposition: the tasks page names an export's download as the API named it.
      exposeHeaders: ["X-Request-Id", "Location", "Idempotent-Replayed", "Content-Disposition"],
      maxAge: 600,
    }),
  )
  .route("/", healthRoutes)
  .route("/", taskRoutes)
  .route("/", labelRoutes)
  .notFound((c) => errorResponse(c, 404, { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}.` }))
  .onError(handleError);

// Outside the chain: it describes the app, so it needs the app, and it is not part of AppType.
app.get("/openapi.json", openApiDocument(app));
// Outside the chain too: a WebSocket, which the typed client does not speak.
app.route("/", liveRoutes);

// The live object and the web worker's entrypoint for ending sockets (docs/live-updates.md).
export { LiveControl } from "./live/live-control.ts";
export { LiveUpdates } from "./live/live-updates-object.ts";

export default app;
