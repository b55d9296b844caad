/**
 * The sign-in's code step is the one way to answer a pending sign-in (code-step.ts). The plugin's
 * own routes that would do the same are closed to it:
 * - /two-factor/verify-totp answers only a signed-in person (the first code that turns two-factor
 *   on: its one use here); without a session, 401 before the plugin reads anything;
 * - /two-factor/verify-backup-code, send-otp and verify-otp are not served at all
 *   (`CLOSED_TWO_FACTOR_PATHS`, in options.ts's `disabledPaths`): recovery codes are taken by the
 *   code step, and this app sends no one-time codes by e-mail.
 * So a pending sign-in's guesses meet one rate limit (5 a minute per address) instead of one per
 * route, every wrong code is recorded as a failed sign-in, and the plugin's twelve round trips
 * per code are never made at sign-in.
 */
import "server-only";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";

export const CLOSED_TWO_FACTOR_PATHS = ["/two-factor/verify-backup-code", "/two-factor/send-otp", "/two-factor/verify-otp"];

export const SIGNED_IN_ONLY = "SIGN_IN_CODE_GOES_TO_THE_CODE_STEP";

export const codeStepOnly = () => [
  {
    matcher: (context: { path?: string }) => context.path === "/two-factor/verify-totp",
    handler: createAuthMiddleware(async (ctx) => {
      if (await getSessionFromCtx(ctx)) return;
      throw new APIError("UNAUTHORIZED", {
        code: SIGNED_IN_ONLY,
        message: "A sign-in's code goes to /api/auth/two-factor/sign-in.",
      });
    }),
  },
];
