/**
 * Where to send a user after sign-in, from a `?from=` that anyone can put in a link: a path on
 * this app's own origin, or the fallback. The value is resolved with the URL parser, as the
 * browser will resolve it (dropping tabs and newlines, reading `\` as `/`, undoing `/./` and
 * `/../`), and only its path, query and fragment are kept. Raw strings are never compared.
 */
const MAX_LENGTH = 2048;
/** Any fixed origin: the question is only whether the value stays on the origin it starts from. */
const BASE = "https://app.invalid";
const AUTH_PAGES = ["/signin", "/signup"];

export function safeRedirectPath(from: string | null | undefined, fallback = "/dashboard"): string {
  if (!from || from.length > MAX_LENGTH) return fallback;
  let url: URL;
  try {
    url = new URL(from, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as a host.
  if (url.pathname.startsWith("//")) return fallback;
  if (AUTH_PAGES.some((page) => url.pathname === page || url.pathname.startsWith(`${page}/`))) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
