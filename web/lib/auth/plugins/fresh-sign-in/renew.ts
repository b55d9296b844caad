/**
 * What every fresh sign-in does once the person has proved it is them (password, passkey or a
 * code from the authenticator app): the same session's sign-in time becomes now, its cookie cache
 * is rewritten to say so, and the account's activity records a sign-in with that method (after
 * the response, as every event outside a sign-in's batch). No new session: the devices list and
 * the live sockets keep the one they know.
 */
import "server-only";
import type { GenericEndpointContext, Session, User } from "better-auth";
import { APIError } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { recordAccountEvent } from "../../activity/record.ts";

export type FreshSignInMethod = "password" | "passkey" | "two_factor";

export async function renewSignIn(
  ctx: GenericEndpointContext,
  { session, user }: { session: Session; user: User },
  method: FreshSignInMethod,
) {
  const renewed = await ctx.context.internalAdapter.updateSession(session.token, { createdAt: new Date() });
  if (!renewed) throw new APIError("UNAUTHORIZED", { code: "UNAUTHORIZED", message: "Unauthorized" });
  await setSessionCookie(ctx, { session: renewed, user });
  await recordAccountEvent(ctx, { userId: user.id, kind: "sign_in", method });
  return ctx.json({ status: true });
}
