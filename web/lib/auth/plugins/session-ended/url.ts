/** The session-ended endpoint (./index.ts), for pages that redirect to it. */
import { safeRedirectPath } from "../../ui/safe-redirect.ts";

export const SESSION_ENDED_PATH = "/session-ended";

/**
 * `/api/auth/session-ended?from=<path>`: the way to sign-in from a page whose session cookie names
 * no live session, through a response that clears that cookie. `from` is sanitized like any ?from=.
 */
export function sessionEndedUrl(from: string | null): string {
  return `/api/auth${SESSION_ENDED_PATH}?${new URLSearchParams({ from: safeRedirectPath(from) })}`;
}
