/**
 * An OAuth sign-in of a person with two-factor on asks for the code too. The plugin's own step
 * covers only the password sign-ins (/sign-in/email): its after-hook never sees a provider's
 * callback, which would sign the person in with one factor. Here the callback's new session is
 * taken back, as the plugin does for a password, and the browser goes to the code step instead
 * of the app, holding the same signed `two_factor` cookie that the code step (code-step.ts, or the
 * plugin's verify-totp and verify-backup-code) turns into a session. A browser the person chose to
 * trust skips it, as a password sign-in there does (trusted-browser.ts).
 */
import "server-only";
import { createAuthMiddleware } from "better-auth/api";
import { deleteSessionCookie } from "better-auth/cookies";
import { generateRandomString } from "better-auth/crypto";
import { trustsThisBrowser } from "./trusted-browser.ts";

/** Where the browser enters the code (web/app/(auth)/two-factor). */
export const CODE_STEP_PATH = "/two-factor";
/** How long a pending sign-in waits for its code: the plugin's default, in seconds. */
const PENDING_SIGN_IN_SECONDS = 10 * 60;

export function oauthSignInsAskForTheCode(trustDeviceSeconds: number) {
  return {
    after: [
      {
        matcher: (context: { path?: string }) => context.path?.startsWith("/callback/") ?? false,
        handler: createAuthMiddleware(async (ctx) => {
          const signedIn = ctx.context.newSession;
          if (!signedIn?.user.twoFactorEnabled) return;
          if (await trustsThisBrowser(ctx, signedIn.user.id, trustDeviceSeconds)) return;
          deleteSessionCookie(ctx, true);
          await ctx.context.internalAdapter.deleteSession(signedIn.session.token);
          ctx.context.setNewSession(null);
          // The plugin's shape of a pending sign-in: the person, and the attempts it has left.
          const identifier = `2fa-${generateRandomString(20)}`;
          const expiresAt = new Date(Date.now() + PENDING_SIGN_IN_SECONDS * 1000);
          await ctx.context.internalAdapter.createVerificationValue({ value: signedIn.user.id, identifier, expiresAt });
          await ctx.context.internalAdapter.createVerificationValue({
            value: "0",
            identifier: `2fa-attempts-${identifier}`,
            expiresAt,
          });
          const cookie = ctx.context.createAuthCookie("two_factor", { maxAge: PENDING_SIGN_IN_SECONDS });
          await ctx.setSignedCookie(cookie.name, identifier, ctx.context.secret, cookie.attributes);
          throw ctx.redirect(new URL(CODE_STEP_PATH, ctx.context.baseURL).toString());
        }),
      },
    ],
  };
}
