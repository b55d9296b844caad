/**
 * What the web worker's local transport posts (web/lib/email/capture-transport.ts), checked
 * before it is kept: anything else on this port gets a 4xx that says what is wrong.
 */
import { z } from "zod";

/** A whole captured message is far below this; more is refused with 413 before it is parsed. */
export const MAX_BODY_BYTES = 512 * 1024;

export const CapturedMessageSchema = z.object({
  from: z.string().min(1).max(320),
  to: z
    .string()
    .min(3)
    .max(254)
    .regex(/^[^\s@]+@[^\s@]+$/, "must be one address"),
  subject: z.string().max(998),
  html: z.string().max(MAX_BODY_BYTES),
  text: z.string().max(MAX_BODY_BYTES),
});

export type CapturedInput = z.infer<typeof CapturedMessageSchema>;

/** An `Idempotency-Key` as Resend takes it: 1 to 256 printable ASCII characters. */
export const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,256}$/, "1 to 256 printable ASCII characters");

export type StoredMessage = CapturedInput & {
  id: string;
  /** The sender's `Idempotency-Key`, when it gave one: a repeat with it is not stored again. */
  idempotencyKey?: string;
  receivedAt: string;
  /** The http(s) links of the HTML part, decoded, in order: what a test clicks. */
  links: string[];
};

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** The href values of the HTML, entity-decoded, keeping only absolute http(s) URLs. */
export function linksOf(html: string): string[] {
  const links: string[] = [];
  for (const match of html.matchAll(/\bhref\s*=\s*"([^"]*)"/gi)) {
    const href = (match[1] ?? "").replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
    if (/^https?:\/\//i.test(href)) links.push(href);
  }
  return links;
}
