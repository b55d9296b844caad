/**
 * The tasks API worker. This file only composes: shared middleware, the health routes, and the
 * authenticated task routes under /api/:userId/tasks. Errors all leave through `handleError`.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { authenticate } from "./auth.ts";
import { getConfig } from "./config.ts";
import { ApiError, errorResponse, handleError } from "./errors.ts";
import { accessLog } from "./middleware/access-log.ts";
import { database } from "./middleware/database.ts";
import { healthRoutes } from "./routes/health.ts";
import { taskRoutes } from "./routes/tasks.ts";
import type { AppEnv } from "./types.ts";

// The main module may export only handlers (workerd rejects other named exports).
const MAX_BODY_BYTES = 64 * 1024;
/** Everything under the task routes (Hono's `/*` also matches the bare collection path). */
const TASKS = "/api/:userId/tasks/*";

const app = new Hono<AppEnv>()
  .use(requestId(), accessLog(), secureHeaders())
  .use(
    "/api/*",
    cors({
      origin: (origin, c) => (getConfig(c.env).webOrigins.includes(origin) ? origin : null),
      allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
      allowHeaders: ["Authorization", "Content-Type"],
      exposeHeaders: ["X-Request-Id", "Location"],
      maxAge: 600,
    }),
  )
  .route("/", healthRoutes)
  // The database first: the token check may ask it whether an unknown signing key is real.
  .use(TASKS, database(), authenticate, async function noStore(c, next) {
    await next();
    c.header("Cache-Control", "no-store");
  })
  .use(
    TASKS,
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, "payload_too_large", `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
      },
    }),
  )
  .route("/api/:userId/tasks", taskRoutes)
  .notFound((c) => errorResponse(c, 404, { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}.` }))
  .onError(handleError);

export default app;
