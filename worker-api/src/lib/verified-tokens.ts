/**
 * @module verified-tokens
 * The tokens this isolate has already verified, by their exact text, so that a person's next
 * requests with the same token skip the signature check and jose's claim checks (the largest
 * share of the token's CPU on every request; a token lives 15 minutes and a page sends many).
 *
 * What a hit skips is only what cannot change for the same bytes under the same settings: the
 * signature, `iss`, `aud`, `alg` and the claims' shape. What can change is still checked:
 * - expiry: an entry is served only before the token's `exp` (never within the clock tolerance
 *   that follows it: past `exp`, the token is verified afresh and not stored again);
 * - the session and the signing key: every route's one statement checks that the session is live
 *   and the key is still in the key store (data/live-session.ts), cached token or not.
 * A cache serves one set of verification settings (key set, issuer, audiences, algorithms): the
 * caller keeps one per set, so a live ticket accepted by the upgrade is never served to a route
 * that refuses live tickets. It is bounded: when full, the entry stored first goes.
 */
import type { Caller } from "../data/live-session.ts";

/** About 1 MB of tokens at their usual size; only tokens that verified ever get in. */
export const MAX_VERIFIED_TOKENS = 1000;

export type VerifiedToken = {
  /** The token's `sub`, `sid` and signing key, frozen: requests share it. */
  caller: Readonly<Caller>;
  /** The token's `exp`, in ms: the entry is served strictly before it. */
  expiresAt: number;
};

export class VerifiedTokens {
  readonly #entries = new Map<string, VerifiedToken>();
  readonly #maxEntries: number;

  constructor(maxEntries = MAX_VERIFIED_TOKENS) {
    this.#maxEntries = maxEntries;
  }

  /** The entry for exactly this token text, unless there is none or the token has expired. */
  get(token: string, now = Date.now()): VerifiedToken | undefined {
    const entry = this.#entries.get(token);
    if (entry === undefined) return undefined;
    if (now < entry.expiresAt) return entry;
    this.#entries.delete(token);
    return undefined;
  }

  /** Remembers a token that has just verified; one already expired is not kept. */
  add(token: string, caller: Caller, expiresAt: number, now = Date.now()): void {
    if (!(now < expiresAt)) return;
    this.#entries.delete(token);
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(token, { caller: Object.freeze({ ...caller }), expiresAt });
  }

  get size(): number {
    return this.#entries.size;
  }
}
