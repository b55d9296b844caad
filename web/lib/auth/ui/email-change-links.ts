/**
 * Where the /email-change page's "confirm" button goes: Better Auth's verification endpoint with
 * the old address's token, which then mails the new address its link and returns to the page.
 */
export const EMAIL_CHANGE_CONFIRMED_PAGE = "/email-change?result=confirmed";

export function confirmEmailChangeUrl(token: string): string {
  return `/api/auth/verify-email?${new URLSearchParams({ token, callbackURL: EMAIL_CHANGE_CONFIRMED_PAGE })}`;
}
