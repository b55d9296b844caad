/**
 * A Better Auth plugin: changing the e-mail takes the current password and the OLD address's
 * consent, and the old address can stop it.
 *
 *   POST /api/auth/change-email         { newEmail, password } (Better Auth's endpoint; the password is checked here)
 *   POST /api/auth/email-change/cancel  { token } → { status: true }; 400 INVALID_TOKEN for an unknown, used or expired one
 *
 * The flow is Better Auth's two-step one (`user.changeEmail.sendChangeEmailConfirmation`, set
 * here): the old address gets a mail to confirm; only once it is confirmed does the new address
 * get the link that changes it. The old address's mail also says "this wasn't me": that cancels
 * the change (every link of it stops working) and signs out every session of the account, since
 * whoever asked knew the password and held a session. Once the new address's link changes it,
 * every other session of the account ends (end-other-sessions.ts).
 * Both links lead to the /email-change page, which reads their secrets from the URL's fragment
 * (never sent to a server, so in no access log) and acts only when the person presses a button:
 * a mail scanner that opens links confirms and cancels nothing.
 */
import "server-only";
import type { AuthContext, BetterAuthPlugin, User } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { deleteSessionCookie } from "better-auth/cookies";
import * as v from "valibot";
import { endOtherSessionsOnceChanged } from "./end-other-sessions.ts";
import { onlyWhilePending } from "./only-while-pending.ts";
import { endPendingChanges, recordPendingChange, spendCancelToken } from "./pending-changes.ts";
import { requirePasswordToChangeEmail } from "./require-password.ts";

/** The page both links of the old address's mail open. */
export const EMAIL_CHANGE_PAGE = "/email-change";

/** The old address's mail: what to say and where its two links go. */
export type EmailChangeConfirmation = { user: User; newEmail: string; confirmUrl: string; cancelUrl: string };

export type SendEmailChangeConfirmation = (mail: EmailChangeConfirmation, request?: Request) => void | Promise<void>;

/** A link to the page with its secrets in the fragment. */
function pageLink(context: AuthContext, secrets: Record<string, string>): string {
  return `${new URL(context.baseURL).origin}${EMAIL_CHANGE_PAGE}#${new URLSearchParams(secrets)}`;
}

export const confirmedEmailChange = (sendConfirmation: SendEmailChangeConfirmation) =>
  ({
    id: "confirmed-email-change",
    init(context) {
      const expiresIn = context.options.emailVerification?.expiresIn ?? 60 * 60;
      return {
        options: {
          user: {
            changeEmail: {
              enabled: true,
              // Called only for a verified address (requirePasswordToChangeEmail refuses the rest).
              async sendChangeEmailConfirmation({ user, newEmail, token }, request) {
                const cancel = await recordPendingChange(context, user.id, expiresIn);
                await sendConfirmation(
                  {
                    user,
                    newEmail,
                    confirmUrl: pageLink(context, { confirm: token, cancel }),
                    cancelUrl: pageLink(context, { cancel }),
                  },
                  request,
                );
              },
            },
          },
        },
      };
    },
    hooks: {
      before: [
        { matcher: (context) => context.path === "/change-email", handler: requirePasswordToChangeEmail },
        { matcher: (context) => context.path === "/verify-email", handler: onlyWhilePending },
      ],
      after: [{ matcher: (context) => context.path === "/verify-email", handler: endOtherSessionsOnceChanged }],
    },
    endpoints: {
      cancelEmailChange: createAuthEndpoint(
        "/email-change/cancel",
        { method: "POST", body: v.object({ token: v.pipe(v.string(), v.minLength(1), v.maxLength(128)) }) },
        async (ctx) => {
          const userId = await spendCancelToken(ctx.context, ctx.body.token);
          if (!userId) {
            throw new APIError("BAD_REQUEST", {
              code: "INVALID_TOKEN",
              message: "This link cannot be used: the change was finished or cancelled already, or the link has expired.",
            });
          }
          await endPendingChanges(ctx.context, userId);
          await ctx.context.internalAdapter.deleteUserSessions(userId);
          deleteSessionCookie(ctx);
          return ctx.json({ status: true });
        },
      ),
    },
  }) satisfies BetterAuthPlugin;
