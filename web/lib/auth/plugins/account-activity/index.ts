/**
 * A Better Auth plugin: the account's security events, written as they happen (activity/record.ts
 * says how, at no round trip of their own on the request's path) and read back by their owner.
 *
 *   GET /api/auth/account-activity?before=<cursor> → { events: [{ id, kind, method, ipAddress, userAgent, createdAt }], next: cursor | null }
 *
 * What records what:
 * - a sign-in with e-mail and password that made a session: `sign_in`, with the session's address
 *   and browser, in the batch that writes the session. Not the password step of a person with
 *   two-factor: the plugin deletes that session and asks for a code (its hook runs before this
 *   one and leaves no new session), and the code step's session is the sign-in, recorded with the
 *   method `two_factor` or `recovery_code`, after the response;
 * - a session created by a passkey: `sign_in`, in the batch that writes the session;
 * - an OAuth callback's session: `sign_in` with the provider, in the callback's batch, by the after
 *   hook once two-factor has had its say (as for /sign-in/email): the code step of a person it
 *   sends there (plugins/two-factor/oauth-step.ts) is the sign-in, recorded by that step;
 * - a wrong password at sign-in: `sign_in_failed`, after the response, only for an existing account;
 * - a wrong two-factor code (the code step, "confirm it's you"): `sign_in_failed` with the method
 *   `two_factor`, in the one batch that counts it (plugins/two-factor/wrong-code.ts);
 * - a session deleted by sign-out: `sign_out`; by "sign out other devices", a device's "Sign out",
 *   a password change with "sign out other devices" ticked or a finished e-mail change
 *   (plugins/confirmed-email-change): `device_signed_out`, one per device;
 * - /change-password: `password_changed` (and its notice by e-mail); a reset: `password_reset`
 *   (`recordingPasswordReset` in activity/record.ts, on Better Auth's `onPasswordReset`);
 * - /change-email: `email_change_requested` (its notice is the old address's confirmation mail,
 *   with the link that cancels it); /verify-email of the new address: `email_changed`;
 * - a provider identity created (an OAuth sign-up, or Connect in Settings): `provider_connected`;
 *   /unlink-account: `provider_disconnected`;
 * - a fresh sign-in before a sensitive action (plugins/fresh-sign-in, renew.ts): `sign_in` with the
 *   method `password`, `passkey` or `two_factor`, recorded by that plugin.
 *
 * Notices by e-mail (account-mail.ts, after the response), for what a person must know at once:
 * the password changed (above), two-factor turned off (/two-factor/disable), a passkey added
 * (/passkey/verify-registration). Their events are the two-factor and passkey plugins' own.
 */
import "server-only";
import type { BetterAuthPlugin, GenericEndpointContext } from "better-auth";
import { createAuthEndpoint, createAuthMiddleware, isAPIError, sensitiveSessionMiddleware } from "better-auth/api";
import { decodeJwt } from "jose";
import * as v from "valibot";
import type { HttpDatabase } from "../../../../../drizzle/http-database.ts";
import type { WaitUntil } from "../../../worker-context.ts";
import type { AccountNotice, PasswordChangedNotice } from "../../account-mail.ts";
import { listActivity } from "../../activity/list.ts";
import { activityRecorder, recordAccountEvent, requestOrigin } from "../../activity/record.ts";
import { redirectedWithoutError, returnedBy, succeeded } from "../../endpoint-outcome.ts";

/** Where a deleted session was ended by its own device (sign-out) or from another one. */
const SIGNED_OUT_BY_PATH: Record<string, "sign_out" | "device_signed_out"> = {
  "/sign-out": "sign_out",
  "/devices/revoke": "device_signed_out",
  "/revoke-other-sessions": "device_signed_out",
  "/revoke-sessions": "device_signed_out",
  "/change-password": "device_signed_out",
  "/verify-email": "device_signed_out",
};

/**
 * The sign-in method a session-creating path stands for, or undefined for a session that is not a
 * sign-in or is recorded elsewhere: /sign-in/email and an OAuth callback by after hooks once
 * two-factor has had its say, the code step (plugins/two-factor/code-step.ts) in its own batch.
 * The plugin's verify-totp answers only the signed in (plugins/two-factor/code-step-only.ts): its
 * replacement session when two-factor is turned on is no sign-in.
 */
function signInMethod(ctx: GenericEndpointContext | null | undefined): string | undefined {
  return ctx?.path === "/passkey/verify-authentication" ? "passkey" : undefined;
}

/** The provider of an OAuth callback (/callback/:id). */
const providerOf = (ctx: GenericEndpointContext) => (ctx.params as { id?: string } | undefined)?.id ?? "oauth";

/** The new address of a change-email verification token (verified by then: the endpoint succeeded). */
function changedTo(token: unknown): string | undefined {
  if (typeof token !== "string") return undefined;
  try {
    const payload = decodeJwt(token);
    return payload.requestType === "change-email-verification" && typeof payload.updateTo === "string"
      ? payload.updateTo
      : undefined;
  } catch {
    return undefined;
  }
}

/** The notices mailed to the account's address (account-mail.ts), after the response. */
export type AccountNotices = {
  passwordChanged: PasswordChangedNotice;
  twoFactorDisabled: AccountNotice;
  passkeyAdded: AccountNotice;
};

/** The paths whose success the person is told of by e-mail, and which notice. */
const NOTICE_BY_PATH: Record<string, Exclude<keyof AccountNotices, "passwordChanged">> = {
  "/two-factor/disable": "twoFactorDisabled",
  "/passkey/verify-registration": "passkeyAdded",
};

export const accountActivity = (db: HttpDatabase, ctx: WaitUntil, notices: AccountNotices) => {
  const recorder = activityRecorder(db, ctx);
  return {
    id: "account-activity",
    init: () => ({
      context: { accountActivity: recorder },
      options: {
        databaseHooks: {
          session: {
            create: {
              after: async (session, endpoint) => {
                const method = signInMethod(endpoint);
                if (!method) return;
                await recorder.record({
                  userId: session.userId,
                  kind: "sign_in",
                  method,
                  ipAddress: session.ipAddress,
                  userAgent: session.userAgent,
                });
              },
            },
            delete: {
              after: async (session, endpoint) => {
                const kind = endpoint?.path ? SIGNED_OUT_BY_PATH[endpoint.path] : undefined;
                if (!kind || !endpoint) return;
                // Change-password's `revokeOtherSessions` deletes every session, this device's too, and
                // gives this device a new one: only the others were signed out.
                if (endpoint.path === "/change-password" && endpoint.context.session?.session.id === session.id) return;
                await recordAccountEvent(endpoint, { userId: session.userId, kind });
              },
            },
          },
          account: {
            create: {
              after: async (account, endpoint) => {
                if (account.providerId === "credential" || !endpoint) return;
                await recordAccountEvent(endpoint, {
                  userId: account.userId,
                  kind: "provider_connected",
                  method: account.providerId,
                });
              },
            },
            delete: {
              after: async (account, endpoint) => {
                if (endpoint?.path !== "/unlink-account") return;
                await recordAccountEvent(endpoint, {
                  userId: account.userId,
                  kind: "provider_disconnected",
                  method: account.providerId,
                });
              },
            },
          },
        },
      },
    }),
    hooks: {
      after: [
        {
          matcher: (context) => context.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const returned = returnedBy(ctx);
            // Still inside the sign-in's request batch (activity/sign-in-batch.ts): held with the session.
            const signedIn = ctx.context.newSession;
            if (signedIn) {
              return recorder.record({
                userId: signedIn.user.id,
                kind: "sign_in",
                method: "password",
                ipAddress: signedIn.session.ipAddress,
                userAgent: signedIn.session.userAgent,
              });
            }
            // 401: a wrong password or an unknown address (said the same way). Not a 429 or a 403.
            if (!isAPIError(returned) || returned.statusCode !== 401) return;
            const email: unknown = (ctx.body as { email?: unknown } | undefined)?.email;
            if (typeof email === "string") recorder.recordFailedSignIn(email, requestOrigin(ctx));
          }),
        },
        {
          // After two-factor's hook (its plugin comes first in options.ts), which takes the session
          // back from a person it sends to the code step. Still inside the callback's request batch
          // (providers/callback-batch.ts): held with the session.
          matcher: (context) => context.path?.startsWith("/callback/") ?? false,
          handler: createAuthMiddleware(async (ctx) => {
            const signedIn = ctx.context.newSession;
            if (!signedIn) return;
            await recorder.record({
              userId: signedIn.user.id,
              kind: "sign_in",
              method: providerOf(ctx),
              ipAddress: signedIn.session.ipAddress,
              userAgent: signedIn.session.userAgent,
            });
          }),
        },
        {
          matcher: (context) => context.path === "/change-password" || context.path === "/change-email",
          handler: createAuthMiddleware(async (ctx) => {
            const user = ctx.context.session?.user;
            if (!succeeded(ctx) || !user) return;
            if (ctx.path === "/change-email") return recordAccountEvent(ctx, { userId: user.id, kind: "email_change_requested" });
            await recordAccountEvent(ctx, { userId: user.id, kind: "password_changed" });
            // Better Auth's change-password signs the others out only when asked (`revokeOtherSessions: true`).
            const otherDevicesSignedOut =
              (ctx.body as { revokeOtherSessions?: unknown } | undefined)?.revokeOtherSessions === true;
            await notices.passwordChanged({ user, otherDevicesSignedOut }, ctx.request);
          }),
        },
        {
          matcher: (context) => Object.hasOwn(NOTICE_BY_PATH, context.path ?? ""),
          handler: createAuthMiddleware(async (ctx) => {
            const user = ctx.context.session?.user;
            const notice = NOTICE_BY_PATH[ctx.path];
            if (!succeeded(ctx) || !user || !notice) return;
            await notices[notice]({ user }, ctx.request);
          }),
        },
        {
          matcher: (context) => context.path === "/verify-email",
          handler: createAuthMiddleware(async (ctx) => {
            const to = changedTo(ctx.query?.token);
            if (!to || !redirectedWithoutError(ctx)) return;
            const user = await ctx.context.internalAdapter.findUserByEmail(to);
            if (user) await recordAccountEvent(ctx, { userId: user.user.id, kind: "email_changed" });
          }),
        },
      ],
    },
    endpoints: {
      listAccountActivity: createAuthEndpoint(
        "/account-activity",
        {
          method: "GET",
          use: [sensitiveSessionMiddleware],
          requireHeaders: true,
          query: v.object({ before: v.optional(v.pipe(v.string(), v.maxLength(200))) }),
        },
        async (ctx) => ctx.json(await listActivity(db, ctx.context.session.user.id, ctx.query.before)),
      ),
    },
  } satisfies BetterAuthPlugin;
};
