/**
 * @module authenticate
 * `jwtAuth` as this worker's config sets it up: keys from the configured JWKS (with the request's
 * database for the key-id check, so `requestDatabase` must run first), the web app's origin as
 * issuer and audience, and the configured algorithms.
 */
import type { MiddlewareHandler } from "hono";
import { getConfig } from "../config.ts";
import { jwksFor } from "../lib/configured-jwks.ts";
import { liveTicketAudience } from "../live/protocol.ts";
import type { AppEnv } from "../types.ts";
import { jwtAuth, type TokenSource } from "./jwt-auth.ts";

export type Authenticate = {
  /** Where the request carries its token [the Authorization header]. */
  tokenSource?: TokenSource;
  /** Also accept live tickets (the live upgrade only) [false]. */
  liveTickets?: boolean;
};

export function authenticate({ tokenSource, liveTickets = false }: Authenticate = {}): MiddlewareHandler<AppEnv> {
  return jwtAuth((c) => {
    const config = getConfig(c.env);
    return {
      getKey: jwksFor(c.env, c.get("db")).getKey,
      issuer: config.issuer,
      audience: liveTickets ? [config.audience, liveTicketAudience(config.audience)] : config.audience,
      algorithms: config.algorithms,
      ...(tokenSource && { tokenSource }),
    };
  });
}
