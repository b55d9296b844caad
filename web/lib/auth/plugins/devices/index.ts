/**
 * A Better Auth plugin: the signed-in person's devices (their live sessions) and signing one out.
 *
 *   GET  /api/auth/devices          → { devices: [{ id, userAgent, ipAddress, createdAt, lastActiveAt, current }] }
 *   POST /api/auth/devices/revoke   { id } → { status: true }; 404 DEVICE_NOT_FOUND for any other id
 *
 * Better Auth's own /list-sessions and /revoke-session name a session by its token, the secret the
 * session cookie carries: listing them would hand every device's credential to the page's
 * JavaScript, which the HttpOnly cookie exists to keep it from. Here a device is named by the
 * session's id, which grants nothing. Both read the session from the database (never the cookie
 * cache), so a device signed out elsewhere cannot list or revoke.
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint, sensitiveSessionMiddleware } from "better-auth/api";
import { deleteSessionCookie } from "better-auth/cookies";
import * as v from "valibot";

export type Device = {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: string;
  /** When Better Auth last refreshed the session: at most a day behind (`session.updateAge`). */
  lastActiveAt: string;
  current: boolean;
};

const iso = (value: Date | string) => new Date(value).toISOString();

export const devices = () =>
  ({
    id: "devices",
    endpoints: {
      listDevices: createAuthEndpoint(
        "/devices",
        { method: "GET", use: [sensitiveSessionMiddleware], requireHeaders: true },
        async (ctx) => {
          const { session, user } = ctx.context.session;
          const now = Date.now();
          const sessions = await ctx.context.internalAdapter.listSessions(user.id, { onlyActiveSessions: true });
          const list: Device[] = sessions
            .filter((each) => new Date(each.expiresAt).getTime() > now)
            .map((each) => ({
              id: each.id,
              userAgent: each.userAgent ?? null,
              ipAddress: each.ipAddress ?? null,
              createdAt: iso(each.createdAt),
              lastActiveAt: iso(each.updatedAt),
              current: each.id === session.id,
            }))
            .sort((a, b) => Number(b.current) - Number(a.current) || b.lastActiveAt.localeCompare(a.lastActiveAt));
          return ctx.json({ devices: list });
        },
      ),
      revokeDevice: createAuthEndpoint(
        "/devices/revoke",
        {
          method: "POST",
          use: [sensitiveSessionMiddleware],
          body: v.object({
            id: v.pipe(v.string(), v.minLength(1, "id is required"), v.maxLength(128, "id is at most 128 characters")),
          }),
        },
        async (ctx) => {
          const { session, user } = ctx.context.session;
          const sessions = await ctx.context.internalAdapter.listSessions(user.id);
          const target = sessions.find((each) => each.id === ctx.body.id);
          // Another person's session and no session at all look the same.
          if (!target) throw new APIError("NOT_FOUND", { code: "DEVICE_NOT_FOUND", message: "No such device is signed in." });
          await ctx.context.internalAdapter.deleteSession(target.token);
          if (target.id === session.id) deleteSessionCookie(ctx);
          return ctx.json({ status: true });
        },
      ),
    },
  }) satisfies BetterAuthPlugin;
