import { type AuthClientError, NETWORK_ERROR_MESSAGE } from "@/lib/auth/ui/auth-errors";

/**
 * A Better Auth client call's `{ data, error }`. A call that got no answer at all (offline, DNS,
 * CORS: better-fetch throws) answers status 0, which `describeAuthError` words as the network
 * message, so a form handles every failure in one place.
 */
export async function authAnswer<Answer extends { error: AuthClientError | null }>(
  call: Promise<Answer>,
): Promise<Answer | { data: null; error: AuthClientError }> {
  try {
    return await call;
  } catch {
    return { data: null, error: { status: 0, message: NETWORK_ERROR_MESSAGE } };
  }
}
