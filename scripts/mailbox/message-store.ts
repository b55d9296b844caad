/**
 * The captured messages, in memory and bounded: the newest `limit` are kept, so a long dev
 * session or a test loop cannot grow the process without end. Restarting the mailbox empties it.
 * Idempotency keys are remembered as long as their message is kept.
 */
import { type CapturedInput, linksOf, type StoredMessage } from "./captured-message.ts";

export type MessageStore = {
  /**
   * Keeps the message, unless one with the same `idempotencyKey` is kept already: then that one is
   * the answer (`duplicate`), as Resend answers a repeated key, so a retried send shows once.
   */
  add(input: CapturedInput, idempotencyKey?: string): { message: StoredMessage; duplicate: boolean };
  /** Newest first; only those to `to` (case-insensitive) when given. */
  list(to?: string): StoredMessage[];
  get(id: string): StoredMessage | undefined;
  clear(): void;
};

export function createMessageStore(limit: number): MessageStore {
  const messages: StoredMessage[] = [];
  let nextId = 1;
  return {
    add(input, idempotencyKey) {
      const earlier = idempotencyKey === undefined ? undefined : messages.find((each) => each.idempotencyKey === idempotencyKey);
      if (earlier) return { message: earlier, duplicate: true };
      const message: StoredMessage = {
        ...input,
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
        id: String(nextId++),
        receivedAt: new Date().toISOString(),
        links: linksOf(input.html),
      };
      messages.push(message);
      if (messages.length > limit) messages.splice(0, messages.length - limit);
      return { message, duplicate: false };
    },
    list(to) {
      const wanted = to?.toLowerCase();
      return messages.filter((message) => wanted === undefined || message.to.toLowerCase() === wanted).reverse();
    },
    get(id) {
      return messages.find((message) => message.id === id);
    },
    clear() {
      messages.length = 0;
    },
  };
}
