/**
 * Two-factor's account events (activity/kinds.ts), written after the response through
 * `recordAccountEvent`: turned on (the first code from the app, at verify-totp, which answers only
 * the signed in: code-step-only.ts) and turned off. The sign-in's code step (code-step.ts) writes
 * its `sign_in` and `recovery_code_used` itself, in the batch that makes the session, and a wrong
 * code's `sign_in_failed` in the batch that counts it (wrong-code.ts).
 */
import "server-only";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { recordAccountEvent } from "../../activity/record.ts";

const RECORDED_PATHS = new Set(["/two-factor/verify-totp", "/two-factor/disable"]);

export const twoFactorActivity = () => [
  {
    matcher: (context: { path?: string }) => RECORDED_PATHS.has(context.path ?? ""),
    handler: createAuthMiddleware(async (ctx) => {
      if (isAPIError((ctx.context as { returned?: unknown }).returned)) return;
      const current = ctx.context.session?.user;
      if (ctx.path === "/two-factor/disable" && current)
        return recordAccountEvent(ctx, { userId: current.id, kind: "two_factor_disabled" });
      if (ctx.path === "/two-factor/verify-totp" && current && !current.twoFactorEnabled)
        return recordAccountEvent(ctx, { userId: current.id, kind: "two_factor_enabled" });
    }),
  },
];
