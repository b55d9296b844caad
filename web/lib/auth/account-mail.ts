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
import type { BetterAuthOptions, User } from "better-auth";
import { decodeJwt } from "jose";
import { type EmailBindings, readEmailEnv } from "../email/email-env.ts";
import type { EmailContext } from "../email/email-layout.ts";
import type { EmailMessage } from "../email/email-message.ts";
import type { RecipientLimit } from "../email/recipient-limit.ts";
import { requestIdOf, sendAfterResponse, type WaitUntil } from "../email/send-after-response.ts";
import { createSendEmail } from "../email/send-email.ts";
import {
  accountDeleted,
  changeEmailNotice,
  changeEmailVerification,
  passwordChanged,
  resetPassword,
  signUpAttempted,
  verifyEmail,
} from "../email/templates.ts";

export const APP_NAME = "Edge Tasks";
const HOUR = 60 * 60;

/** Where every verification link returns; `?flow=change-email` for a new address. */
export const VERIFY_EMAIL_PAGE = "/verify-email";

export type AccountMailBindings = EmailBindings & { REQUIRE_EMAIL_VERIFICATION?: string };

/**
 * Verification is required everywhere but `npm run dev`, where REQUIRE_EMAIL_VERIFICATION=true
 * turns it on. Anything but "", "true" or "false" stops the worker: a typo must not silently
 * leave it off.
 */
export function emailVerificationRequired(env: AccountMailBindings): boolean {
  const value = (env.REQUIRE_EMAIL_VERIFICATION ?? "").trim();
  if (!["", "true", "false"].includes(value)) {
    throw new Error("Web worker misconfigured: REQUIRE_EMAIL_VERIFICATION must be true, false or empty");
  }
  if (readEmailEnv(env).environment !== "development") return true;
  return value === "true";
}

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

export type AccountMailOptions = {
  env: AccountMailBindings;
  ctx: WaitUntil;
  /** The app's origin (BETTER_AUTH_URL). */
  baseURL: string;
  /** Counts a mail anyone can cause against its recipient's limit; false: drop it. */
  recipientLimit: RecipientLimit;
  /** Where a dropped mail is logged (console.warn by default; tests pass their own). */
  log?: (line: string) => void;
};

/** The Better Auth options that send account mail, to spread into `betterAuth({…})`. */
export function accountMailOptions({ env, ctx, baseURL, recipientLimit, log = console.warn }: AccountMailOptions) {
  const sendEmail = createSendEmail(readEmailEnv(env));
  const context: EmailContext = { appName: APP_NAME, baseUrl: baseURL };
  const requireEmailVerification = emailVerificationRequired(env);

  /** Sends after the response; the message is built there too, so a template error is only logged. */
  const later = (request: Request | undefined, kind: string, message: () => EmailMessage) =>
    sendAfterResponse(ctx, () => sendEmail(message()), { requestId: requestIdOf(request), kind });

  /** `later`, for a kind of mail anyone can cause: within the recipient's limit, else dropped. */
  const limited = (request: Request | undefined, kind: string, to: string, message: () => EmailMessage) => {
    const requestId = requestIdOf(request);
    sendAfterResponse(
      ctx,
      async () => {
        if (await recipientLimit(kind, to)) return sendEmail(message());
        log(JSON.stringify({ level: "warn", event: "email_dropped", reason: "recipient_limit", kind, requestId }));
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
    emailVerification: {
      sendOnSignUp: true,
      // Only the browser that signed up is signed in by the link: plugins/pending-sign-ups decides.
      autoSignInAfterVerification: false,
      expiresIn: HOUR,
      async sendVerificationEmail({ user, url, token }, request) {
        const change = emailChangeOf(token);
        if (!change) {
          limited(request, "verify-email", user.email, () =>
            verifyEmail(context, { to: user.email, url: verificationLink(url) }),
          );
          return;
        }
        const link = verificationLink(url, "change-email");
        limited(request, "change-email-verification", change.to, () =>
          changeEmailVerification(context, { to: change.to, url: link }),
        );
        later(request, "change-email-notice", () =>
          changeEmailNotice(context, { ...recipient({ ...user, email: change.from }), newEmail: change.to }),
        );
      },
    },
    emailAndPassword: {
      requireEmailVerification,
      resetPasswordTokenExpiresIn: HOUR,
      // A reset is how someone who lost control of their account takes it back: every device out.
      revokeSessionsOnPasswordReset: true,
      async sendResetPassword({ user, url }, request) {
        limited(request, "reset-password", user.email, () => resetPassword(context, { ...recipient(user), url }));
      },
      // A sign-up with a verified address: its owner hears of it (an unverified one gets a new
      // link from plugins/pending-sign-ups instead). The answer is the same as for a new address.
      async onExistingUserSignUp({ user }, request) {
        if (user.emailVerified)
          limited(request, "sign-up-attempted", user.email, () => signUpAttempted(context, { to: user.email }));
      },
      async onPasswordReset({ user }, request) {
        later(request, "password-changed", () => passwordChanged(context, recipient(user)));
      },
    },
    user: {
      // No `sendChangeEmailConfirmation`: the link goes to the new address, a notice to the old.
      changeEmail: { enabled: true },
      deleteUser: {
        enabled: true,
        async afterDelete(user, request) {
          later(request, "account-deleted", () => accountDeleted(context, recipient(user)));
        },
      },
    },
  } satisfies {
    emailVerification: BetterAuthOptions["emailVerification"];
    emailAndPassword: Partial<NonNullable<BetterAuthOptions["emailAndPassword"]>>;
    user: BetterAuthOptions["user"];
  };
}
