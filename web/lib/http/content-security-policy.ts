/**
 * The pages' Content-Security-Policy: scripts only from the app, each page load with a nonce of
 * its own that Next.js puts on its scripts ('strict-dynamic' lets those load the app's chunks);
 * fetches only to the app and the API worker, and its live-updates WebSocket (CSP matches ws: and
 * wss: only against sources of those schemes). `next dev` needs eval for React's fast refresh.
 * Docs: https://nextjs.org/docs/app/guides/content-security-policy
 */
export function pageContentSecurityPolicy(nonce: string, apiOrigin: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Tailwind is a stylesheet of the app's own; React and Next set style attributes inline.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${apiOrigin} ${apiOrigin.replace(/^http/, "ws")}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** 128 random bits, base64: a fresh one for every page response. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
