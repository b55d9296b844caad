/**
 * Route protection before anything renders: protected pages without a session cookie go to
 * /signin?from=<path>; signed-in users are sent away from /signin and /signup. This only checks
 * the cookie's presence (no database, no Better Auth instance on the edge); protected layouts
 * then confirm the session itself on the server. Every page also gets its Content-Security-Policy
 * here, with a fresh script nonce (lib/http/content-security-policy.ts).
 * Next 16 prefers proxy.ts, which runs on Node.js; OpenNext for Cloudflare supports edge middleware
 * (a Node.js proxy only as an experimental re-bundle), so this stays middleware.ts, and `npm run
 * dev` replaces Next's codemod advice with a note saying so (scripts/lib/next-dev-output.ts).
 */
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { readEnv } from "@/lib/env";
import { newNonce, pageContentSecurityPolicy } from "@/lib/http/content-security-policy";
import { withSecurityHeaders } from "@/lib/http/security-headers";

const PROTECTED = ["/dashboard", "/tasks", "/settings"];
const AUTH_PAGES = ["/signin", "/signup"];

const matches = (pathname: string, prefixes: string[]) =>
  prefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));

export function middleware(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const signedIn = Boolean(getSessionCookie(request));
  if (!signedIn && matches(pathname, PROTECTED)) {
    const url = new URL("/signin", request.url);
    url.searchParams.set("from", `${pathname}${search}`);
    return withSecurityHeaders(NextResponse.redirect(url));
  }
  if (signedIn && matches(pathname, AUTH_PAGES)) {
    return withSecurityHeaders(NextResponse.redirect(new URL("/dashboard", request.url)));
  }
  const nonce = newNonce();
  // The API worker's origin, which the browser fetches.
  const { apiUrl } = readEnv(getCloudflareContext().env);
  const csp = pageContentSecurityPolicy(nonce, apiUrl, process.env.NODE_ENV === "development");
  const forwarded = new Headers(request.headers);
  // Lets the protected layout name the page in its own redirect if the session proves stale.
  forwarded.set("x-pathname", `${pathname}${search}`);
  // Next.js reads the nonce from the request's CSP and puts it on the scripts it renders.
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: forwarded } }), csp);
}

export const config = {
  // Every page (each gets its CSP nonce); not the API, Next's static files or other files.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|.*\\.[A-Za-z0-9]+$).*)"],
};
