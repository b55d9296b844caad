/**
 * The `document.cookie` assignment for a preference the browser keeps for the server (the colour
 * theme, the time zone): every page of the site, a year (written again whenever it changes),
 * same-site, and Secure over https (a browser refuses Secure on http, as under `npm run dev`).
 * Not a secret: readable by the page's own scripts.
 */
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export function preferenceCookie(name: string, value: string, secure: boolean): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure ? "; Secure" : ""}`;
}
