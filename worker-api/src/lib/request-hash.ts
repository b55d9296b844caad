/**
 * A request's fingerprint for its `Idempotency-Key`: SHA-256 of the operation and its validated
 * input (so formatting of the JSON does not matter, its content does). A retry matches its first
 * request's; the same key sent with another request does not, and is refused.
 */
export async function requestHash(operation: string, input: readonly unknown[]): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify([operation, ...input])));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}
