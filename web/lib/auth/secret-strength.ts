/**
 * Whether a value is fit to be BETTER_AUTH_SECRET: it signs every session cookie and encrypts the
 * JWT signing keys, so a guessable one lets anyone forge sessions. Refused: the example files'
 * placeholder and other well-known ones, and anything with less than 32 bytes of entropy as far
 * as the value itself shows it (its length times the bits of the smallest usual alphabet that
 * holds it: hex, base64, printable ASCII), or that repeats itself.
 */
const PLACEHOLDERS = new Set([
  "replace-with-openssl-rand-base64-32",
  "better-auth-secret-12345678901234567890",
  "your-secret-key",
  "your-secret-here",
  "changeme",
  "change-me",
  "secret",
  "supersecret",
]);

const REQUIRED_BITS = 256;
/** Random hex carries about 3.9 bits per character; "abab…" carries 1. */
const MIN_BITS_PER_CHARACTER = 3;

export const SECRET_ADVICE = "generate one with `openssl rand -base64 32`";

function alphabetBits(value: string): number {
  if (/^[0-9a-f]+$/i.test(value)) return 4;
  if (/^[A-Za-z0-9+/=_-]+$/.test(value)) return 6;
  return Math.log2(95);
}

/** Shannon entropy of the value's own characters, in bits per character. */
function measuredBits(value: string): number {
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Undefined when `value` will do; otherwise what is wrong with it. */
export function secretProblem(value: string): string | undefined {
  if (PLACEHOLDERS.has(value.trim().toLowerCase())) return "is a placeholder, not a secret";
  if (value.length * alphabetBits(value) < REQUIRED_BITS || measuredBits(value) < MIN_BITS_PER_CHARACTER) {
    return "has less than 32 bytes of entropy";
  }
  return undefined;
}
