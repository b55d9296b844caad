/**
 * @module authenticate
 * `jwtAuth` as this worker's config sets it up: keys from the configured JWKS (with the request's
 * database for the key-id check, so `requestDatabase` must run first), the web app's origin as
 * issuer and audience, and the configured algorithms.
 */
import type { MiddlewareHandler } from "hono";
import { getConfig } from "../config.ts";
import { jwksFor } from "../lib/configured-jwks.ts";
import type { AppEnv } from "../types.ts";
import { jwtAuth, type TokenSource } from "./jwt-auth.ts";

/** @param tokenSource - where the request carries its token [the Authorization header]. */
export function authenticate(tokenSource?: TokenSource): MiddlewareHandler<AppEnv> {
  return jwtAuth((c) => {
    const config = getConfig(c.env);
    return {
      getKey: jwksFor(c.env, c.get("db")).getKey,
      issuer: config.issuer,
      audience: config.audience,
      algorithms: config.algorithms,
      ...(tokenSource && { tokenSource }),
    };
  });
}
