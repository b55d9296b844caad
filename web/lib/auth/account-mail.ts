/**
 * Better Auth's account e-mails (verification, password reset, e-mail change, deletion), wired to
 * the sender (web/lib/email). Every callback hands its mail to `ctx.waitUntil` and returns at once:
 * Better Auth awaits some of them inside the request, and the response time must not tell whether
 * an address exists, nor wait for a provider. A failed send is logged, never fails the action.
 *
 * Each verification link is pointed back at the app's /verify-email page (its `callbackURL`),
 * whoever asked for it: Better Auth redirects there with `?error=TOKEN_EXPIRED` (or another code)
 * for a bad link, so a person always lands on a page that explains, never on a JSON error.
 *
 * Mail to an address not verified yet carries no name (templates.ts says why), and the kinds of
 * mail anyone can cause count against a per-recipient limit (email/recipient-limit.ts), checked
 * after the response like the send itself.
 */
import "server-only";
import type { BetterAuthOptions, User } from "better-auth";
import { decodeJwt } from "jose";
import type { EmailContext } from "../email/email-layout.ts";
import type { EmailMessage } from "../email/email-message.ts";
import { type MailSender, mailSender } from "../email/mail-sender.ts";
import type { RecipientLimit } from "../email/recipient-limit.ts";
import { requestIdOf, sendAfterResponse } from "../email/send-after-response.ts";
import {
  accountDeleted,
  changeEmailConfirmation,
  changeEmailVerification,
  passkeyAdded,
  passwordChanged,
  resetPassword,
  signUpAttempted,
  twoFactorDisabled,
  verifyEmail,
} from "../email/templates.ts";
import type { WebEnv } from "../env.ts";
import { logLine } from "../log/log-line.ts";
import type { WaitUntil } from "../worker-context.ts";
import type { SendEmailChangeConfirmation } from "./plugins/confirmed-email-change/index.ts";
import { resetPasswordLink } from "./plugins/reset-links-to-reset-page/index.ts";

export const APP_NAME = "Edge Tasks";

/** Where every verification link returns; `?flow=change-email` for a new address. */
export const VERIFY_EMAIL_PAGE = "/verify-email";

/** The link Better Auth built, returning to /verify-email (`flow` tells the page which result to show). */
export function verificationLink(url: string, flow?: "change-email"): string {
  const link = new URL(url);
  link.searchParams.set("callbackURL", flow ? `${VERIFY_EMAIL_PAGE}?flow=${flow}` : VERIFY_EMAIL_PAGE);
  return link.href;
}

/** The two addresses of an e-mail change's token, or undefined for a plain verification. */
function emailChangeOf(token: string): { from: string; to: string } | undefined {
  try {
    const payload = decodeJwt(token);
    if (payload.requestType !== "change-email-verification") return undefined;
    if (typeof payload.email !== "string" || typeof payload.updateTo !== "string") return undefined;
    return { from: payload.email, to: payload.updateTo };
  } catch {
    return undefined;
  }
}

type Options = BetterAuthOptions;

/** Better Auth's mail callbacks, which options.ts puts in its options. */
export type AccountMail = {
  sendVerificationEmail: NonNullable<NonNullable<Options["emailVerification"]>["sendVerificationEmail"]>;
  sendResetPassword: NonNullable<NonNullable<Options["emailAndPassword"]>["sendResetPassword"]>;
  onPasswordReset: NonNullable<NonNullable<Options["emailAndPassword"]>["onPasswordReset"]>;
  afterDelete: NonNullable<NonNullable<NonNullable<Options["user"]>["deleteUser"]>["afterDelete"]>;
  onExistingUserSignUp: NonNullable<NonNullable<Options["emailAndPassword"]>["onExistingUserSignUp"]>;
  /** To the old address, for plugins/confirmed-email-change. */
  sendEmailChangeConfirmation: SendEmailChangeConfirmation;
  /** Security notices the person must see at once, for plugins/account-activity. */
  onPasswordChanged: PasswordChangedNotice;
  onTwoFactorDisabled: AccountNotice;
  onPasskeyAdded: AccountNotice;
};

/** The notice of a password changed in Settings: whether the other devices were signed out with it. */
export type PasswordChangedNotice = (data: { user: User; otherDevicesSignedOut: boolean }, request?: Request) => Promise<void>;

/** A notice of a change to `user`'s account, mailed to its address after the response. */
export type AccountNotice = (data: { user: User }, request?: Request) => Promise<void>;

/**
 * The account e-mails, handed to `send` (the mail queue, or the transport `env.email` names: mail-sender.ts)
 * after the response (`ctx`).
 * `recipientLimit` counts a mail anyone can cause against its recipient's limit (false: drop it);
 * a dropped mail is logged to `log` (console.warn by default; tests pass their own).
 */
export function accountMail(
  env: WebEnv,
  ctx: WaitUntil,
  recipientLimit: RecipientLimit,
  log: (line: string) => void = console.warn,
  send: MailSender = mailSender(env.email, undefined),
): AccountMail {
  const context: EmailContext = { appName: APP_NAME, baseUrl: env.baseURL };

  /** Sends after the response; the message is built there too, so a template error is only logged. */
  const later = (request: Request | undefined, kind: string, message: () => EmailMessage) =>
    sendAfterResponse(ctx, () => send(kind, message()), { requestId: requestIdOf(request), kind });

  /** `later`, for a kind of mail anyone can cause: within the recipient's limit, else dropped. */
  const limited = (request: Request | undefined, kind: string, to: string, message: () => EmailMessage) => {
    const requestId = requestIdOf(request);
    sendAfterResponse(
      ctx,
      async () => {
        if (await recipientLimit(kind, to)) return send(kind, message());
        // logLine: the request id comes from a header (cf-ray, set by the client under `next dev`).
        log(logLine({ level: "warn", event: "email_dropped", reason: "recipient_limit", kind, requestId }));
      },
      { requestId, kind },
    );
  };

  /** The address, and the name only for a verified one: whoever signed up chose it. */
  const recipient = (user: Pick<User, "email" | "name" | "emailVerified">) => ({
    to: user.email,
    name: user.emailVerified ? user.name : undefined,
  });

  return {
    async sendVerificationEmail({ user, url, token }, request) {
      const change = emailChangeOf(token);
      if (!change) {
        limited(request, "verify-email", user.email, () => verifyEmail(context, { to: user.email, url: verificationLink(url) }));
        return;
      }
      // The old address confirmed the change already (plugins/confirmed-email-change).
      const link = verificationLink(url, "change-email");
      limited(request, "change-email-verification", change.to, () =>
        changeEmailVerification(context, { to: change.to, url: link }),
      );
    },
    // Better Auth's `url` lands wherever `redirectTo` said, with the token in the path: not mailed.
    async sendResetPassword({ user, token }, request) {
      const url = resetPasswordLink(env.baseURL, token);
      limited(request, "reset-password", user.email, () => resetPassword(context, { ...recipient(user), url }));
    },
    // A sign-up with a verified address: its owner hears of it (an unverified one gets a new
    // link from plugins/pending-sign-ups instead). The answer is the same as for a new address.
    async onExistingUserSignUp({ user }, request) {
      if (user.emailVerified)
        limited(request, "sign-up-attempted", user.email, () => signUpAttempted(context, { to: user.email }));
    },
    async onPasswordReset({ user }, request) {
      later(request, "password-changed", () => passwordChanged(context, recipient(user), "reset"));
    },
    async onPasswordChanged({ user, otherDevicesSignedOut }, request) {
      const how = otherDevicesSignedOut ? "changed-others-signed-out" : "changed-others-still-signed-in";
      later(request, "password-changed", () => passwordChanged(context, recipient(user), how));
    },
    async onTwoFactorDisabled({ user }, request) {
      later(request, "two-factor-disabled", () => twoFactorDisabled(context, recipient(user)));
    },
    async onPasskeyAdded({ user }, request) {
      later(request, "passkey-added", () => passkeyAdded(context, recipient(user)));
    },
    async afterDelete(user, request) {
      later(request, "account-deleted", () => accountDeleted(context, recipient(user)));
    },
    sendEmailChangeConfirmation({ user, newEmail, confirmUrl, cancelUrl }, request) {
      later(request, "change-email-confirmation", () =>
        changeEmailConfirmation(context, { ...recipient(user), newEmail, confirmUrl, cancelUrl }),
      );
    },
  };
}
