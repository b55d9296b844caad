/** The `Idempotency-Key` header, added to `headers` when the delivery carries a key. */
import type { SendOptions } from "./email-message.ts";

export function idempotencyHeaders(headers: Record<string, string>, options: SendOptions | undefined): Record<string, string> {
  return options?.idempotencyKey ? { ...headers, "Idempotency-Key": options.idempotencyKey } : headers;
}
