/**
 * POST /api/auth/fresh-sign-in { password } → { status: true }: the password is checked as at
 * sign-in, then this session counts as signed in now (renew.ts). A person without a password
 * answers with a passkey, a code, or signs in again through their provider.
 */
import "server-only";
import { APIError, createAuthEndpoint, sensitiveSessionMiddleware } from "better-auth/api";
import * as v from "valibot";
import { renewSignIn } from "./renew.ts";

export const freshSignInWithPassword = () =>
  createAuthEndpoint(
    "/fresh-sign-in",
    {
      method: "POST",
      use: [sensitiveSessionMiddleware],
      body: v.object({ password: v.pipe(v.string(), v.minLength(1, "Enter your password.")) }),
    },
    async (ctx) => {
      const { user } = ctx.context.session;
      const { password } = ctx.body;
      const account = await ctx.context.internalAdapter.findCredentialAccount(user.id);
      if (typeof account?.password !== "string") {
        throw new APIError("BAD_REQUEST", {
          code: "NO_PASSWORD",
          message: "Your account has no password: confirm with a passkey, a code or the provider you use.",
        });
      }
      // Too long is wrong, without hashing it (the hash's cost grows with the length).
      const valid =
        password.length <= ctx.context.password.config.maxPasswordLength &&
        (await ctx.context.password.verify({ hash: account.password, password }));
      if (!valid) throw new APIError("BAD_REQUEST", { code: "INVALID_PASSWORD", message: "Invalid password" });
      return renewSignIn(ctx, ctx.context.session, "password");
    },
  );
