/**
 * Sent with every page and route handler (next.config.ts), and with the middleware's own
 * redirects, which the config's headers do not reach. The Content-Security-Policy here covers
 * what needs no per-request nonce (framing, plugins, base URL, form targets); script sources are
 * not restricted yet. HSTS is ignored by browsers on plain-HTTP origins such as localhost, so it
 * is always sent.
 */
export const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
];

/** Adds the security headers to a response the middleware builds itself. */
export function withSecurityHeaders<T extends { headers: Headers }>(response: T): T {
  for (const { key, value } of SECURITY_HEADERS) response.headers.set(key, value);
  return response;
}
