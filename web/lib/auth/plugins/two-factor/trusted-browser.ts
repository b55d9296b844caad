/**
 * "Trust this browser": the signed `trust_device` cookie the code step sets (code-step.ts, as the
 * plugin's own verify routes do) is `token!identifier`, where `token` is an HMAC of
 * `userId!identifier` under the secret and `identifier` names a verification row holding the
 * person's id until it expires. A password sign-in is checked against it by Better Auth's plugin,
 * whose check is not exported; `trustsThisBrowser` makes the same check for the OAuth step.
 */
import "server-only";
import { createHMAC } from "@better-auth/utils/hmac";
import type { GenericEndpointContext } from "better-auth";

export const TRUST_DEVICE_COOKIE = "trust_device";

/** The cookie's value for `userId` and a new verification `identifier`. */
export const trustToken = async (secret: string, userId: string, identifier: string) =>
  `${await createHMAC("SHA-256", "base64urlnopad").sign(secret, `${userId}!${identifier}`)}!${identifier}`;

/** Whether this request's browser holds a live trust of `userId` (one database read, only when the cookie is there and signed). */
export async function trustsThisBrowser(ctx: GenericEndpointContext, userId: string, maxAgeSeconds: number): Promise<boolean> {
  const cookie = ctx.context.createAuthCookie(TRUST_DEVICE_COOKIE, { maxAge: maxAgeSeconds });
  const value = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!value) return false;
  const identifier = value.slice(value.indexOf("!") + 1);
  if (!identifier || value !== (await trustToken(ctx.context.secret, userId, identifier))) return false;
  const record = await ctx.context.internalAdapter.findVerificationValue(identifier);
  return record?.value === userId && record.expiresAt > new Date();
}
