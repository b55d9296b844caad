/**
 * Sent with every response of the web worker (next.config.ts) and with the middleware's own
 * redirects, which the config's headers do not reach. HSTS is ignored by browsers on plain-HTTP
 * origins such as localhost, so it is always sent.
 */
export const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
];

/**
 * The Content-Security-Policy of responses that are not pages (route handlers, redirects): they
 * run no script. Pages get theirs, with a script nonce, from the middleware.
 */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

/** Adds the security headers to a response the middleware builds itself. */
export function withSecurityHeaders<T extends { headers: Headers }>(response: T, csp = NON_PAGE_CSP): T {
  for (const { key, value } of SECURITY_HEADERS) response.headers.set(key, value);
  response.headers.set("Content-Security-Policy", csp);
  return response;
}
