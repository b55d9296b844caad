/**
 * Escapes a value for HTML text and for double- or single-quoted attribute values. Every value
 * that goes into an e-mail's HTML (a user's name, an address, a link) passes through here: a name
 * such as `<script>` or `"><img onerror=…>` must stay text.
 */
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
