/** The keys test/jwks-server.ts makes, as handed to the workerd tests (a type only, usable on both sides). */
import type { JWK } from "jose";

export type TestKeys = {
  /** The signing key of every set (Ed25519). */
  primary: JWK;
  /** Served only after a set is rotated. */
  rotated: JWK;
  /** Served and in the key store, until a test withdraws it from there. */
  withdrawable: JWK;
  /** Never served: signs tokens under the primary key's kid. */
  impostor: JWK;
  /** Served, but not an allowed algorithm by default. */
  rsa: JWK;
  ec: JWK;
};
