/**
 * At most a few mails an hour to one address, of each kind anyone can cause (a verification link,
 * a sign-up notice, a password reset, a new address to confirm): the per-client limits stop one
 * client, not many clients mailing one person. Beyond it a mail is dropped silently (the
 * requester's answer is the same, since the check runs after the response) and logged without
 * the address. Per kind, so that one kind spent by someone else (three sign-ups with your
 * address) does not stop another (your own password reset).
 *
 * Counted in Postgres, in the rate-limit table through its one-statement storage, under
 * `mail:<kind>:<SHA-256 of the address>`: the table never holds the address itself.
 */
export type RecipientLimit = (kind: string, address: string) => Promise<boolean>;

/** Three mails of a kind an hour per address. */
export const MAILS_PER_RECIPIENT = { window: 60 * 60, max: 3 } as const;

type ConsumingStorage = {
  consume(key: string, rule: { window: number; max: number }): Promise<{ allowed: boolean }>;
};

/** The rate-limit key of `kind` of mail to `address` (case-insensitive, as addresses are stored). */
export async function recipientKey(kind: string, address: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(address.trim().toLowerCase()));
  return `mail:${kind}:${[...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

/** Counts one mail; false when it is over the limit (then it must not be sent). */
export function recipientLimit(storage: ConsumingStorage): RecipientLimit {
  return async (kind, address) => (await storage.consume(await recipientKey(kind, address), MAILS_PER_RECIPIENT)).allowed;
}
