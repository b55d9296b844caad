/**
 * Route protection before anything renders: protected pages without a session cookie go to
 * /signin?from=<path>; signed-in users are sent away from /signin and /signup. This only checks
 * the cookie's presence (no database, no Better Auth instance on the edge); protected layouts
 * then confirm the session itself on the server.
 * Next 16 prefers proxy.ts, which runs on Node.js; OpenNext for Cloudflare runs edge middleware.
 */
import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { withSecurityHeaders } from "@/lib/security-headers";

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
  // Lets the protected layout name the page in its own redirect if the session proves stale.
  const forwarded = new Headers(request.headers);
  forwarded.set("x-pathname", `${pathname}${search}`);
  return withSecurityHeaders(NextResponse.next({ request: { headers: forwarded } }));
}

export const config = {
  matcher: ["/dashboard/:path*", "/tasks/:path*", "/settings/:path*", "/signin", "/signup"],
};
