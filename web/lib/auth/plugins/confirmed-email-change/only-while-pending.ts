/**
 * `/verify-email` honours an e-mail change's links (the old address's confirmation, then the new
 * address's verification) only while the change is pending: once "this wasn't me" cancelled it,
 * or it expired, they answer as Better Auth answers any dead link (`?error=INVALID_TOKEN` on the
 * page they return to). The new address's link, once opened, ends the change: it is finished,
 * and its cancel link has nothing left to cancel.
 */
import "server-only";
import { createAuthMiddleware } from "better-auth/api";
import { decodeJwt, jwtVerify } from "jose";
import { endPendingChanges, hasPendingChange } from "./pending-changes.ts";

const CONFIRM_OLD = "change-email-confirmation";
export const VERIFY_NEW = "change-email-verification";

/** The change a link belongs to, read without checking its signature (Better Auth checks it). */
export function changeOf(token: unknown): { userId: string; step: string } | undefined {
  if (typeof token !== "string") return undefined;
  try {
    const { requestType, userId } = decodeJwt(token);
    if ((requestType === CONFIRM_OLD || requestType === VERIFY_NEW) && typeof userId === "string") {
      return { userId, step: requestType };
    }
  } catch {
    // Not a JWT: Better Auth refuses it.
  }
  return undefined;
}

async function signedByUs(token: string, secret: string): Promise<boolean> {
  try {
    await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ["HS256"] });
    return true;
  } catch {
    return false;
  }
}

export const onlyWhilePending = createAuthMiddleware(async (ctx) => {
  const token = ctx.query?.token;
  const change = changeOf(token);
  if (!change) return;
  if (!(await hasPendingChange(ctx.context, change.userId))) {
    // A token Better Auth cannot read: it answers INVALID_TOKEN its own way (redirect or JSON).
    return { context: { query: { ...ctx.query, token: "email-change-not-pending" } } };
  }
  // Only a link we signed may end the change: a forged one must not cancel someone's change.
  if (change.step === VERIFY_NEW && (await signedByUs(token as string, ctx.context.secret))) {
    await endPendingChanges(ctx.context, change.userId);
  }
});
