/**
 * @module jwt-auth
 * Bearer JWT authentication: verifies `Authorization: Bearer <JWT>` with jose and puts the
 * token's subject and session on the context as `caller`. Whether that session is still live is
 * checked later, in the same database round trip as the route's own statement (data/live-session.ts).
 */
import type { Context, MiddlewareHandler } from "hono";
import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import type { Caller } from "../data/live-session.ts";
import { ApiError, unauthorized } from "../errors.ts";
import { JwksUnavailableError } from "../lib/jwks-cache.ts";
import { assertJwsShape, JwsAlgorithmNotAllowedError, MalformedJwsError } from "../lib/jws-shape.ts";
import type { VerifiedTokens } from "../lib/verified-tokens.ts";
import type { AppEnv } from "../types.ts";

export type JwtAuthVariables = { caller: Caller; tokenExpiresAt: number };

export type JwtAuthOptions = {
  /** Resolves the verification key from the token's header (e.g. `JwksCache#getKey`). */
  getKey: JWTVerifyGetKey;
  /** Expected `iss`: the web app's origin. */
  issuer: string;
  /** Expected `aud`: the web app's origin; several when any of them will do. */
  audience: string | string[];
  /** Allowed `alg` values [EdDSA]. Never include `none` or HMAC algorithms with public keys. */
  algorithms?: string[];
  /** Leeway for `exp`/`nbf`, in seconds [60]; larger values are refused. */
  clockToleranceSeconds?: number;
  /** Longest accepted token, in bytes [8192]. */
  maxTokenBytes?: number;
  /** Where the request carries its token [`bearerHeader`: the `Authorization: Bearer` header]. */
  tokenSource?: TokenSource;
  /**
   * Tokens already verified under exactly these options (lib/verified-tokens.ts), served until
   * their `exp` without verifying again [none: every token is verified].
   */
  verifiedTokens?: VerifiedTokens;
};

export type TokenSource = {
  /** The token, `undefined` when the request carries none; throws the 401 of a malformed carrier. */
  read: (c: Context<AppEnv>, maxTokenBytes: number) => string | undefined;
  /** The message of the 401 when the request carries no token. */
  missing: string;
};

/** `Authorization: Bearer <token>`, the carrier of every route but the WebSocket upgrade. */
export const bearerHeader: TokenSource = {
  read(c, maxBytes) {
    const header = c.req.header("Authorization");
    if (!header) return undefined;
    if (header.length > maxBytes + 7) throw unauthorized("invalid_token", `The token is longer than ${maxBytes} bytes.`);
    const match = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i.exec(header);
    if (!match?.[1]) throw unauthorized("invalid_token", "The Authorization header must be `Bearer <token>`.");
    return match[1];
  },
  missing: "Missing Authorization header: send `Authorization: Bearer <token>`.",
};

const MAX_CLOCK_TOLERANCE_SECONDS = 60;

function toAuthError(error: unknown): ApiError {
  if (error instanceof JwksUnavailableError) {
    return new ApiError(503, "jwks_unavailable", "Cannot verify tokens right now: the signing keys are unreachable.", {
      cause: error,
      headers: { "Retry-After": "5" },
    });
  }
  if (error instanceof errors.JWTExpired) return unauthorized("token_expired", "The token has expired.", error);
  if (error instanceof errors.JWTClaimValidationFailed) {
    return unauthorized("invalid_token", `The token's "${error.claim}" claim is invalid (${error.reason}).`, error);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof JwsAlgorithmNotAllowedError)
    return unauthorized("invalid_token", "The token's algorithm is not allowed.", error);
  if (error instanceof MalformedJwsError) return unauthorized("invalid_token", error.message, error);
  if (error instanceof errors.JWKSNoMatchingKey)
    return unauthorized("invalid_token", "The token was signed by an unknown key.", error);
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return unauthorized("invalid_token", "The token's signature is invalid.", error);
  }
  return unauthorized("invalid_token", "The token is malformed.", error);
}

/** A non-empty string claim, or undefined. */
const stringClaim = (payload: JWTPayload, claim: string) =>
  typeof payload[claim] === "string" && payload[claim].length > 0 ? payload[claim] : undefined;

/**
 * Requires a valid Bearer JWT on every request it guards.
 *
 * @param options - a function of the context returning the `JwtAuthOptions` (to read `c.env`).
 * @returns a middleware that sets `c.var.caller` (the `sub` and `sid` claims and the signing key's
 *   `kid`) and `c.var.tokenExpiresAt` (`exp`, in ms).
 * @example
 * app.use("/api/*", jwtAuth((c) => ({ getKey: jwks(c).getKey, issuer: ORIGIN, audience: ORIGIN })));
 */
export function jwtAuth(options: (c: Context<AppEnv>) => JwtAuthOptions): MiddlewareHandler<AppEnv> {
  return async function jwtAuth(c, next) {
    const resolved = options(c);
    assertValid(resolved);
    const source = resolved.tokenSource ?? bearerHeader;
    const token = source.read(c, resolved.maxTokenBytes ?? 8192);
    if (!token) throw unauthorized("missing_token", source.missing);

    const verified = resolved.verifiedTokens?.get(token);
    if (verified) {
      c.set("caller", verified.caller);
      c.set("tokenExpiresAt", verified.expiresAt);
      await next();
      return;
    }

    const algorithms = resolved.algorithms ?? ["EdDSA"];
    let payload: JWTPayload;
    let keyId: string;
    try {
      // Before jose, which would look the key up first: a token of the wrong shape costs nothing.
      ({ kid: keyId } = assertJwsShape(token, algorithms));
      ({ payload } = await jwtVerify(token, resolved.getKey, {
        issuer: resolved.issuer,
        audience: resolved.audience,
        algorithms,
        clockTolerance: Math.min(resolved.clockToleranceSeconds ?? MAX_CLOCK_TOLERANCE_SECONDS, MAX_CLOCK_TOLERANCE_SECONDS),
        requiredClaims: ["sub", "sid", "exp"],
      }));
    } catch (error) {
      throw toAuthError(error);
    }
    const userId = stringClaim(payload, "sub");
    const sessionId = stringClaim(payload, "sid");
    if (!userId) throw unauthorized("invalid_token", 'The token has no "sub" claim.');
    if (!sessionId) throw unauthorized("invalid_token", 'The token has no "sid" claim.');
    const caller = { userId, sessionId, keyId };
    const expiresAt = (payload.exp as number) * 1000;
    resolved.verifiedTokens?.add(token, caller, expiresAt);
    c.set("caller", caller);
    c.set("tokenExpiresAt", expiresAt);
    await next();
  };
}

function assertValid(options: JwtAuthOptions): void {
  if (!options.issuer || options.audience.length === 0) throw new Error("jwtAuth: `issuer` and `audience` are required");
  if (options.algorithms?.length === 0) throw new Error("jwtAuth: `algorithms` must not be empty");
  if ((options.clockToleranceSeconds ?? 0) > MAX_CLOCK_TOLERANCE_SECONDS) {
    throw new Error(`jwtAuth: clockToleranceSeconds may not exceed ${MAX_CLOCK_TOLERANCE_SECONDS}`);
  }
}
