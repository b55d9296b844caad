/**
 * `/change-email` needs the account's current password, checked before Better Auth does anything.
 * A session cookie alone is what a stolen cookie or a borrowed, still-open browser has; with it,
 * changing the address to one the holder reads, then resetting the password there, took the
 * account. The password was chosen over Better Auth's "fresh session" (a sign-in in the last
 * minutes, `freshAge`) because it works for everyone at any time and a fresh session does not
 * stop a thief who just stole a fresh cookie.
 * The current address must be verified too: only a verified address can confirm the change
 * (Better Auth sends the confirmation to the old address only then). Where verification is
 * required (preview, staging, production) every session's address is verified already.
 */
import "server-only";
import { APIError, createAuthMiddleware, getAuthoritativeSessionFromCtx } from "better-auth/api";

export const requirePasswordToChangeEmail = createAuthMiddleware(async (ctx) => {
  // The session's row, not the cookie cache: a signed-out session must not get to test passwords,
  // and the address may have been verified since the cookie was issued.
  // No session: Better Auth's own middleware answers 401.
  const session = await getAuthoritativeSessionFromCtx(ctx);
  if (!session) return;
  const password: unknown = (ctx.body as { password?: unknown } | undefined)?.password;
  if (typeof password !== "string" || password.length === 0) {
    throw new APIError("BAD_REQUEST", {
      code: "PASSWORD_REQUIRED",
      message: "Enter your current password to change your email address.",
    });
  }
  const maxLength = ctx.context.password.config.maxPasswordLength;
  const account = await ctx.context.internalAdapter.findCredentialAccount(session.user.id);
  const valid =
    password.length <= maxLength &&
    typeof account?.password === "string" &&
    (await ctx.context.password.verify({ hash: account.password, password }));
  if (!valid) throw new APIError("BAD_REQUEST", { code: "INVALID_PASSWORD", message: "Invalid password" });
  if (!session.user.emailVerified) {
    throw new APIError("FORBIDDEN", {
      code: "CURRENT_EMAIL_NOT_VERIFIED",
      message: "Verify your current email address first: open the link we sent to it.",
    });
  }
});
