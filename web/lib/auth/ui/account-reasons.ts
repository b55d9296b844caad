/**
 * Why someone lands on the sign-in page without asking to: `/signin?reason=…` names it, and the
 * form says it in words. Only these keys are read; anything else in `reason` is ignored.
 */
import { SESSION_ENDED_MESSAGE, SESSION_ENDED_REASON } from "./session-ended.ts";

export const SIGN_IN_REASONS: Record<string, string> = {
  [SESSION_ENDED_REASON]: SESSION_ENDED_MESSAGE,
  "password-reset": "Your password was changed and every device was signed out. Sign in with the new password.",
  "account-deleted": "Your account and all of its tasks were deleted. You are signed out.",
};

export function signInNotice(reason: string | null): string | undefined {
  return reason && Object.hasOwn(SIGN_IN_REASONS, reason) ? SIGN_IN_REASONS[reason] : undefined;
}
