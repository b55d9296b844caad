/**
 * @module subprotocol-token
 * The WebSocket upgrade's token carrier: browsers cannot set headers on a WebSocket, and a token in
 * the URL would end up in logs, so the browser offers it as a subprotocol, `bearer.<JWT>`, next to
 * `LIVE_PROTOCOL` (a JWT's characters are all valid in a subprotocol token).
 */
import type { Context } from "hono";
import { unauthorized } from "../errors.ts";
import type { TokenSource } from "../middleware/jwt-auth.ts";
import type { AppEnv } from "../types.ts";
import { BEARER_PROTOCOL_PREFIX } from "./protocol.ts";

/** The subprotocols the request offers, in order. */
export const offeredProtocols = (c: Context<AppEnv>): string[] =>
  (c.req.header("Sec-WebSocket-Protocol") ?? "")
    .split(",")
    .map((protocol) => protocol.trim())
    .filter(Boolean);

export const subprotocolToken: TokenSource = {
  read(c, maxBytes) {
    const offered = offeredProtocols(c).filter((protocol) => protocol.startsWith(BEARER_PROTOCOL_PREFIX));
    if (offered.length === 0) return undefined;
    if (offered.length > 1) throw unauthorized("invalid_token", "Offer one `bearer.<token>` subprotocol, not several.");
    const token = (offered[0] as string).slice(BEARER_PROTOCOL_PREFIX.length);
    if (token.length > maxBytes) throw unauthorized("invalid_token", `The token is longer than ${maxBytes} bytes.`);
    if (!/^[A-Za-z0-9._-]+$/.test(token)) throw unauthorized("invalid_token", "The `bearer.` subprotocol must carry a JWT.");
    return token;
  },
  missing: "Missing token: offer the subprotocol `bearer.<token>` next to `edge-tasks.live.v1`.",
};
