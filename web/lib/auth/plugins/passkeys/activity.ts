/**
 * Passkeys' account events (activity/kinds.ts), written after the response through
 * `recordAccountEvent`: a passkey added, a passkey removed. A sign-in with a passkey is recorded
 * where every sign-in is (plugins/account-activity: the session's `sign_in`, method `passkey`).
 */
import "server-only";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { recordAccountEvent } from "../../activity/record.ts";

const KIND_BY_PATH = {
  "/passkey/verify-registration": "passkey_added",
  "/passkey/delete-passkey": "passkey_removed",
} as const;

const isRecorded = (path: string | undefined): path is keyof typeof KIND_BY_PATH => path !== undefined && path in KIND_BY_PATH;

export const passkeyActivity = () => [
  {
    matcher: (context: { path?: string }) => isRecorded(context.path),
    handler: createAuthMiddleware(async (ctx) => {
      if (isAPIError((ctx.context as { returned?: unknown }).returned)) return;
      const user = ctx.context.session?.user;
      if (!user || !isRecorded(ctx.path)) return;
      await recordAccountEvent(ctx, { userId: user.id, kind: KIND_BY_PATH[ctx.path] });
    }),
  },
];
