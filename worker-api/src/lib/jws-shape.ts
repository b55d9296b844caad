/**
 * The shape of a compact JWS, checked before anything is looked up for it: three base64url parts,
 * a JSON header whose `alg` is allowed and whose `kid` is a key id, and a signature as long as
 * that algorithm's signatures are. A token that fails here cannot be a token the web app signed,
 * so it costs no key-store lookup and no JWKS fetch, whatever its `kid` says (jose itself resolves
 * the key before it looks at the signature).
 */

/** Better Auth's key ids are 32 letters and digits; test and legacy ids use `-` and `_` too. */
const KEY_ID = /^[A-Za-z0-9_-]{1,128}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Signature sizes in bytes: fixed for EdDSA and ECDSA, the modulus (2048 to 8192 bits) for RSA. */
const SIGNATURE_BYTES: Record<string, readonly [min: number, max: number]> = {
  EdDSA: [64, 64],
  Ed25519: [64, 64],
  ES256: [64, 64],
  ES384: [96, 96],
  ES512: [132, 132],
  RS256: [256, 1024],
  RS384: [256, 1024],
  RS512: [256, 1024],
  PS256: [256, 1024],
  PS384: [256, 1024],
  PS512: [256, 1024],
};

export class MalformedJwsError extends Error {
  override name = "MalformedJwsError";
}

export class JwsAlgorithmNotAllowedError extends Error {
  override name = "JwsAlgorithmNotAllowedError";
}

export type JwsHeader = { alg: string; kid: string };

export const isKeyId = (value: unknown): value is string => typeof value === "string" && KEY_ID.test(value);

/** Bytes that a base64url text of this length (no padding) decodes to; -1 if none can. */
const decodedLength = (length: number) => (length % 4 === 1 ? -1 : Math.floor((length * 3) / 4));

function decodeHeader(part: string): unknown {
  try {
    return JSON.parse(atob(part.replaceAll("-", "+").replaceAll("_", "/")));
  } catch {
    return undefined;
  }
}

/**
 * The token's protected header, once its shape could be a JWS that `algorithms` allows.
 * @throws MalformedJwsError, or JwsAlgorithmNotAllowedError for an `alg` outside `algorithms`.
 */
export function assertJwsShape(token: string, algorithms: readonly string[]): JwsHeader {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) {
    throw new MalformedJwsError("The token is not three base64url parts.");
  }
  const [headerPart = "", , signaturePart = ""] = parts;
  const header = decodeHeader(headerPart);
  if (typeof header !== "object" || header === null) throw new MalformedJwsError("The token's header is not a JSON object.");
  const { alg, kid } = header as { alg?: unknown; kid?: unknown };
  if (typeof alg !== "string" || !algorithms.includes(alg)) {
    throw new JwsAlgorithmNotAllowedError("The token's algorithm is not allowed.");
  }
  if (!isKeyId(kid)) throw new MalformedJwsError("The token's header names no valid key id.");
  const [min, max] = SIGNATURE_BYTES[alg] ?? [1, Number.POSITIVE_INFINITY];
  const bytes = decodedLength(signaturePart.length);
  if (bytes < min || bytes > max) throw new MalformedJwsError("The token's signature has the wrong length.");
  return { alg, kid };
}
