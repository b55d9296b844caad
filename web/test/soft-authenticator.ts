/**
 * A software WebAuthn authenticator, for tests and the bench: a P-256 key made with WebCrypto, and
 * the registration and sign-in responses a browser would send for it (attestation "none", user
 * present and verified), built from the challenges the passkey plugin hands out. The server checks
 * them with its own code (@simplewebauthn/server), as it checks a real device's. No runtime
 * imports of its own: it runs in workerd and in Node.
 */
import { cose, isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";

const FLAGS = { userPresent: 0x01, userVerified: 0x04, attestedData: 0x40 } as const;

type Bytes = Uint8Array<ArrayBuffer>;

const concat = (...parts: Uint8Array[]): Bytes => {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};
const sha256 = async (data: Bytes): Promise<Bytes> => new Uint8Array(await crypto.subtle.digest("SHA-256", data));
const json = (value: unknown): Bytes => concat(new TextEncoder().encode(JSON.stringify(value)));
const b64 = (bytes: Uint8Array) => isoBase64URL.fromBuffer(concat(bytes));
const uint32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

/** WebCrypto's raw (r || s) ECDSA signature as the DER sequence WebAuthn carries. */
function derSignature(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    let value = bytes.slice(start);
    if ((value[0] as number) & 0x80) value = concat(new Uint8Array([0]), value);
    return concat(new Uint8Array([0x02, value.length]), value);
  };
  const body = concat(integer(raw.slice(0, 32)), integer(raw.slice(32)));
  return concat(new Uint8Array([0x30, body.length]), body);
}

export type SoftAuthenticator = Awaited<ReturnType<typeof softAuthenticator>>;

/** One passkey's authenticator, for the relying party `rpId` at `origin`. */
export async function softAuthenticator({ rpId = "localhost", origin = "http://localhost:3000" } = {}) {
  const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", keys.publicKey)) as JsonWebKey;
  const credentialId = crypto.getRandomValues(new Uint8Array(16));
  const id = b64(credentialId);
  let counter = 0;
  const publicKey = isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [cose.COSEKEYS.kty, cose.COSEKTY.EC2],
      [cose.COSEKEYS.alg, cose.COSEALG.ES256],
      [cose.COSEKEYS.crv, cose.COSECRV.P256],
      [cose.COSEKEYS.x, isoBase64URL.toBuffer(jwk.x as string)],
      [cose.COSEKEYS.y, isoBase64URL.toBuffer(jwk.y as string)],
    ]),
  );
  const rpIdHash = () => sha256(concat(new TextEncoder().encode(rpId)));

  return {
    id,
    /** The body of /passkey/verify-registration's `response` for `challenge`. */
    async registration(challenge: string) {
      const clientDataJSON = json({ type: "webauthn.create", challenge, origin, crossOrigin: false });
      const attested = concat(new Uint8Array(16), new Uint8Array([0, credentialId.length]), credentialId, publicKey);
      const flags = FLAGS.userPresent | FLAGS.userVerified | FLAGS.attestedData;
      const authData = concat(await rpIdHash(), new Uint8Array([flags]), uint32(counter), attested);
      const attestationObject = isoCBOR.encode(
        new Map<string, unknown>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", authData],
        ]) as never,
      );
      return {
        id,
        rawId: id,
        type: "public-key",
        response: { clientDataJSON: b64(clientDataJSON), attestationObject: b64(attestationObject), transports: ["internal"] },
        clientExtensionResults: {},
      };
    },
    /**
     * The body of /passkey/verify-authentication's `response` for `challenge` (the counter moves on).
     * `userVerified: false`: an authenticator that did not check the person (no PIN, no biometrics).
     */
    async assertion(challenge: string, { userVerified = true } = {}) {
      counter += 1;
      const clientDataJSON = json({ type: "webauthn.get", challenge, origin, crossOrigin: false });
      const flags = FLAGS.userPresent | (userVerified ? FLAGS.userVerified : 0);
      const authenticatorData = concat(await rpIdHash(), new Uint8Array([flags]), uint32(counter));
      const signed = concat(authenticatorData, await sha256(clientDataJSON));
      const raw = new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.privateKey, signed));
      return {
        id,
        rawId: id,
        type: "public-key",
        response: {
          clientDataJSON: b64(clientDataJSON),
          authenticatorData: b64(authenticatorData),
          signature: b64(derSignature(raw)),
        },
        clientExtensionResults: {},
      };
    },
  };
}
