/** Where to send a user after sign-in: only same-site paths, never `//host` or absolute URLs. */
export function safeRedirectPath(from: string | null | undefined, fallback = "/dashboard"): string {
  if (!from?.startsWith("/") || from.startsWith("//") || from.startsWith("/\\")) return fallback;
  if (from.startsWith("/signin") || from.startsWith("/signup")) return fallback;
  return from;
}
