/**
 * Where a user goes when their session ends while a page is open (signed out elsewhere, revoked,
 * expired): back to sign-in, returning to the same page afterwards, with a word about why.
 */
export const SESSION_ENDED_REASON = "session-ended";

export const SESSION_ENDED_MESSAGE = "Your session has ended. Sign in again to continue.";

/** `/signin?from=<path>&reason=session-ended` for the page the user was on. */
export function signInAfterSessionEnded(currentPath: string): string {
  const query = new URLSearchParams({ from: currentPath, reason: SESSION_ENDED_REASON });
  return `/signin?${query}`;
}
