/**
 * One log line as JSON: whatever the values hold, the line is a single line of bounded length
 * and carries no token. Values often come from a request (a callbackURL, a header, an error's
 * message quoting either), and a log reader trusts what it sees:
 * - escaped: JSON escapes CR, LF and the other C0 controls; the rest that a log viewer may show
 *   as a line break or reorder (DEL, C1 controls, U+2028/U+2029, bidirectional overrides) is
 *   escaped here too, so no value can forge a line of its own or hide text;
 * - bounded: each value is cut to MAX_VALUE_LENGTH characters before encoding, so a line stays
 *   under MAX_LINE_LENGTH whatever arrives;
 * - no tokens: JWTs (verification links) and runs of 20 or more letters and digits (reset, session
 *   and cancel tokens, Better Auth's ids) are replaced with "[redacted]" before the cut, so no
 *   part of one survives. Ids go too: a lost id costs less than a leaked token.
 */
import "server-only";

export const MAX_VALUE_LENGTH = 300;
/** At most this many fields of a line are kept. */
export const MAX_FIELDS = 12;
// Each kept character encodes to at most 6 ("\u2028"); keys are ours and short.
export const MAX_LINE_LENGTH = MAX_FIELDS * (MAX_VALUE_LENGTH * 6 + 64) + 2;

const JWT = /eyJ[\w-]*\.[\w-]*(?:\.[\w-]*)?/g;
const LONG_RUN = /[A-Za-z0-9]{20,}/g;
// Beyond the C0 controls JSON.stringify already escapes.
const UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

export type LogValue = string | number | boolean | null | undefined;

/** A value from anywhere as a short, token-free string (numbers, booleans and null stay as they are). */
export function safeValue(value: unknown): LogValue {
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean") return value;
  return truncate(redact(describe(value)));
}

function describe(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function redact(text: string): string {
  return text.replace(JWT, "[redacted]").replace(LONG_RUN, "[redacted]");
}

/** Cut to MAX_VALUE_LENGTH UTF-16 units without splitting a surrogate pair, saying how much went. */
function truncate(text: string): string {
  if (text.length <= MAX_VALUE_LENGTH) return text;
  let end = MAX_VALUE_LENGTH - 16;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…[+${text.length - end}]`;
}

/** The line: `fields` (our own names, a few) with every value made safe. */
export function logLine(fields: Record<string, unknown>): string {
  const safe: Record<string, LogValue> = {};
  for (const [key, value] of Object.entries(fields).slice(0, MAX_FIELDS)) safe[key] = safeValue(value);
  return JSON.stringify(safe).replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
