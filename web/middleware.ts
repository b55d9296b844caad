/**
 * Route protection before anything renders, with no database and no Better Auth instance:
 * protected pages without a session cookie go to /signin?from=<path>; /signin and /signup send
 * to /dashboard only a browser whose signed cookie cache says it is signed in (lib/auth/cookie-cache.ts),
 * never on the session cookie's presence alone: a dead session's cookie would bounce the protected
 * layout's redirect back, forever. Nor when the page was sent there because its session ended
 * (`reason=session-ended`): another tab's sign-out is pushed to this tab's live socket before that
 * sign-out's response has cleared the cookies they share, and the cache still vouches for a moment. Protected layouts confirm the session itself on the server, and
 * clear a dead one's cookies (lib/auth/plugins/session-ended). Every page also gets its Content-Security-Policy
 * here, with a fresh script nonce (lib/http/content-security-policy.ts).
 * Next 16 prefers proxy.ts, which runs on Node.js; OpenNext for Cloudflare supports edge middleware
 * (a Node.js proxy only as an experimental re-bundle), so this stays middleware.ts, and `npm run
 * dev` replaces Next's codemod advice with a note saying so (scripts/lib/next-dev-output.ts).
 */
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { signedInByCookieCache } from "@/lib/auth/cookie-cache";
import { SESSION_ENDED_REASON } from "@/lib/auth/ui/session-ended";
import { readEnv } from "@/lib/env";
import { newNonce, pageContentSecurityPolicy } from "@/lib/http/content-security-policy";
import { withSecurityHeaders } from "@/lib/http/security-headers";

const PROTECTED = ["/dashboard", "/tasks", "/settings"];
const AUTH_PAGES = ["/signin", "/signup"];

const matches = (pathname: string, prefixes: string[]) =>
  prefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));

export async function middleware(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const env = readEnv(getCloudflareContext().env);
  if (matches(pathname, PROTECTED) && !getSessionCookie(request)) {
    const url = new URL("/signin", request.url);
    url.searchParams.set("from", `${pathname}${search}`);
    return withSecurityHeaders(NextResponse.redirect(url));
  }
  const sessionEnded = request.nextUrl.searchParams.get("reason") === SESSION_ENDED_REASON;
  if (matches(pathname, AUTH_PAGES) && !sessionEnded && (await signedInByCookieCache(request, env))) {
    return withSecurityHeaders(NextResponse.redirect(new URL("/dashboard", request.url)));
  }
  const nonce = newNonce();
  // The API worker's origin, which the browser fetches.
  const csp = pageContentSecurityPolicy(nonce, env.apiUrl, process.env.NODE_ENV === "development");
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
