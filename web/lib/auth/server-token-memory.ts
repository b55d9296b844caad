/**
 * The server's own tokens (server-api-token.ts), kept in isolate memory per session and audience,
 * so that a person moving between pages is not signed two new tokens per render.
 *
 * Safe to reuse because a token carries no more than its session's id and user (`sid`, `sub`):
 * the API checks on every request, in the same statement as its work, that the session is still
 * live, so a kept token of an ended session is refused there (401). On that 401 the caller forgets
 * it (`forget`) before asking again, so the retry is a new signature.
 *
 * A kept token is given out only
 * - for the same user, session and audience it was signed for (the key is all three);
 * - while at least `REUSE_MARGIN_MS` of its life remain, so that whoever receives it (a page's
 *   live socket may connect a while after the render) holds a token that is far from expiring;
 * - while the key that signed it is still the one that signs: after a rotation (or a key's
 *   withdrawal, which rotates first) the next render signs with the new key at once, in the
 *   isolate that rotated, and elsewhere within the minute the key table's copy lives
 *   (signing-key-cache.ts), as for every other token.
 * The map is bounded: past `MAX_KEPT` entries, the oldest is dropped.
 */
import "server-only";

/** A kept token is given out only with at least this much of its life left (of 15 minutes). */
export const REUSE_MARGIN_MS = 5 * 60_000;
/** Entries kept per isolate at most; the oldest goes first. */
export const MAX_KEPT = 500;

type Kept = { token: string; kid: string; expiresAt: number };
export type KeptTokenKey = { userId: string; sessionId: string; audience: string };

const kept = new Map<string, Kept>();

// JSON of the three: no separator in an id can make two different keys collide.
const keyOf = ({ userId, sessionId, audience }: KeptTokenKey) => JSON.stringify([userId, sessionId, audience]);

/** The kept token for `key`, if it was signed by `signingKid` and has the margin left at `now`. */
export function keptToken(key: KeptTokenKey, signingKid: string | undefined, now = Date.now()): string | undefined {
  const id = keyOf(key);
  const entry = kept.get(id);
  if (!entry) return undefined;
  if (entry.expiresAt - REUSE_MARGIN_MS <= now || entry.kid !== signingKid) {
    kept.delete(id);
    return undefined;
  }
  return entry.token;
}

/** Keeps `token` (signed by `kid`, expiring at `expiresAt` ms) for `key`. */
export function keepToken(key: KeptTokenKey, token: string, kid: string, expiresAt: number): void {
  const id = keyOf(key);
  kept.delete(id);
  if (kept.size >= MAX_KEPT) {
    const oldest = kept.keys().next().value;
    if (oldest !== undefined) kept.delete(oldest);
  }
  kept.set(id, { token, kid, expiresAt });
}

/** Forgets the token kept for `key` (the API refused it). */
export function forgetToken(key: KeptTokenKey): void {
  kept.delete(keyOf(key));
}

/** For tests only: the number of tokens kept. */
export const keptTokenCount = () => kept.size;

/** For tests only: forgets every kept token, as a fresh isolate. */
export function forgetAllTokens(): void {
  kept.clear();
}
