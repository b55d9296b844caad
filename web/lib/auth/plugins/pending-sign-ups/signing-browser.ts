/**
 * The browser that signed up: sign-up gives it a short-lived cookie, and only a verification link
 * opened where that cookie matches signs anyone in. Elsewhere the link verifies the address and
 * the page asks for the password, so a link an attacker kept (to an account of theirs) cannot
 * sign a victim's browser into that account (login CSRF).
 *
 * The cookie is an HMAC, with the auth secret, of the user's id and the moment their credentials
 * were set (the user row's `updatedAt` while unverified, see replace-credentials.ts): opaque, so
 * that it looks the same for a new address and a taken one, and stale as soon as a later sign-up
 * replaced the credentials, so that it never signs into an account whose password is not the one
 * this browser typed.
 */
import type { GenericEndpointContext } from "better-auth";
import { constantTimeEqual, makeSignature } from "better-auth/crypto";

const COOKIE = "pending_verification";
/** As long as the link the sign-up mails. */
const MAX_AGE_SECONDS = 60 * 60;

export type CredentialsStamp = { userId: string; setAt: Date };

const cookieOf = (ctx: GenericEndpointContext) => ctx.context.createAuthCookie(COOKIE, { maxAge: MAX_AGE_SECONDS });
/** The HMAC in base64url: a cookie value needs no escaping then. */
const cookieValue = async (ctx: GenericEndpointContext, { userId, setAt }: CredentialsStamp) =>
  (await makeSignature(`pending-sign-up:${userId}:${setAt.getTime()}`, ctx.context.secret))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

export async function rememberSigningBrowser(ctx: GenericEndpointContext, stamp: CredentialsStamp): Promise<void> {
  const cookie = cookieOf(ctx);
  ctx.setCookie(cookie.name, await cookieValue(ctx, stamp), cookie.attributes);
}

/** Whether this request comes from the browser that set these credentials. */
export async function isSigningBrowser(ctx: GenericEndpointContext, stamp: CredentialsStamp): Promise<boolean> {
  const value = ctx.getCookie(cookieOf(ctx).name);
  return typeof value === "string" && constantTimeEqual(value, await cookieValue(ctx, stamp));
}

export function forgetSigningBrowser(ctx: GenericEndpointContext): void {
  const cookie = cookieOf(ctx);
  if (ctx.getCookie(cookie.name) !== null) ctx.setCookie(cookie.name, "", { ...cookie.attributes, maxAge: 0 });
}
