/**
 * A finished e-mail change ends every OTHER session of the account; the one that opened the new
 * address's link, if it was signed in, stays. Changing the address is how an account is taken
 * over (the new address can then reset the password), so no session the owner does not know of
 * outlives it, and every other device signs in again with the new address.
 * Each session goes through Better Auth's internal adapter, so its session-delete hooks run as for
 * any sign-out: plugins/live-sockets closes its live sockets, plugins/account-activity records a
 * `device_signed_out` (the `/verify-email` path). After the response (`runInBackgroundOrAwait`,
 * which is `waitUntil` here): the deletion starts at once, so the sockets still close well within
 * the second, and the link's redirect waits for none of its round trips.
 */
import "server-only";
import type { AuthContext } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { redirectedWithoutError } from "../../endpoint-outcome.ts";
import { changeOf, VERIFY_NEW } from "./only-while-pending.ts";

async function endOtherSessions(context: AuthContext, userId: string, keptSessionId: string | undefined) {
  const others = (await context.internalAdapter.listSessions(userId)).filter((session) => session.id !== keptSessionId);
  if (others.length > 0) await context.internalAdapter.deleteSessions(others.map((session) => session.token));
}

/** The after hook of `/verify-email`: acts only once Better Auth changed the address. */
export const endOtherSessionsOnceChanged = createAuthMiddleware(async (ctx) => {
  const change = changeOf(ctx.query?.token);
  // The token's signature was checked by Better Auth: it changed the address, so it was ours.
  if (change?.step !== VERIFY_NEW || !redirectedWithoutError(ctx)) return;
  // The session that opened the link (Better Auth refused it if it was someone else's).
  const session = ctx.context.session;
  const kept = session?.user.id === change.userId ? session.session.id : undefined;
  await ctx.context.runInBackgroundOrAwait(endOtherSessions(ctx.context, change.userId, kept));
});
