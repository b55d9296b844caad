/**
 * What one request's sign-up or verification has learnt, for the hooks that run after it: Better
 * Auth's request state (AsyncLocalStorage, one per request), so that nothing is shared between
 * requests even if an instance were.
 */
import { defineRequestState } from "@better-auth/core/context";
import type { User } from "better-auth";

export type PendingSignUpState = {
  /** The hash of the password this request hashed: sign-up hashes it for a taken address too. */
  passwordHash?: string;
  /** Better Auth created a user in this request (a new address). */
  created?: boolean;
  /** /verify-email: the unverified user the link is about (as read before verifying: their stamp). */
  verifying?: User;
  /** /verify-email: their address is now verified. */
  verified?: boolean;
};

const state = defineRequestState<PendingSignUpState>(() => ({}));

/** This request's state, or a throwaway one outside a request (a script hashing a password). */
export async function pendingSignUpState(): Promise<PendingSignUpState> {
  try {
    return await state.get();
  } catch {
    return {};
  }
}
