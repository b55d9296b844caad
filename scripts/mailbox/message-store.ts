/**
 * The captured messages, in memory and bounded: the newest `limit` are kept, so a long dev
 * session or a test loop cannot grow the process without end. Restarting the mailbox empties it.
 */
import { type CapturedInput, linksOf, type StoredMessage } from "./captured-message.ts";

export type MessageStore = {
  add(input: CapturedInput): StoredMessage;
  /** Newest first; only those to `to` (case-insensitive) when given. */
  list(to?: string): StoredMessage[];
  get(id: string): StoredMessage | undefined;
  clear(): void;
};

export function createMessageStore(limit: number): MessageStore {
  const messages: StoredMessage[] = [];
  let nextId = 1;
  return {
    add(input) {
      const message = { ...input, id: String(nextId++), receivedAt: new Date().toISOString(), links: linksOf(input.html) };
      messages.push(message);
      if (messages.length > limit) messages.splice(0, messages.length - limit);
      return message;
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
