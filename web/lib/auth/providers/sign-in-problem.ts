/**
 * The page every failed OAuth sign-in or connection lands on (Better Auth's `errorURL`), and what
 * it says for each of Better Auth's callback error codes. Unknown codes get the general message:
 * the code comes from the query string, so it is only ever looked up, never shown.
 */
export const SIGN_IN_PROBLEM_PATH = "/sign-in-problem";

export type SignInProblem = { title: string; message: string; action: "signin" | "settings" };

const GENERAL: SignInProblem = {
  title: "That sign-in did not work",
  message: "The sign-in could not be completed, and nothing was changed. Please start again from the sign-in page.",
  action: "signin",
};

const PROBLEMS: Record<string, SignInProblem> = {
  account_not_linked: {
    title: "An account with this e-mail already exists",
    message:
      "Sign in with your password first, then connect this provider in Settings → Connected accounts. Nothing was linked or created.",
    action: "signin",
  },
  email_not_verified_by_provider: {
    title: "This provider has not verified your e-mail",
    message:
      "We only create accounts from addresses the provider has verified. Verify the address with the provider, or sign up with a password. Nothing was created.",
    action: "signin",
  },
  email_not_found: {
    title: "The provider did not share an e-mail address",
    message: "We need an e-mail address to create your account. Allow access to it at the provider, or sign up with a password.",
    action: "signin",
  },
  access_denied: {
    title: "Sign-in was cancelled",
    message: "You declined at the provider, so nothing was changed.",
    action: "signin",
  },
  state_mismatch: {
    title: "This sign-in link is no longer valid",
    message: "It expired, was already used, or was started in another browser. Nothing was changed. Please start again.",
    action: "signin",
  },
  state_not_found: {
    title: "This sign-in link is no longer valid",
    message: "It carried no sign-in to finish. Nothing was changed. Please start again.",
    action: "signin",
  },
  state_invalid: {
    title: "This sign-in link is no longer valid",
    message: "It expired, was already used, or was started in another browser. Nothing was changed. Please start again.",
    action: "signin",
  },
  invalid_code: {
    title: "The provider did not confirm this sign-in",
    message: "The provider refused or could not be reached, so nothing was changed. Please try again in a moment.",
    action: "signin",
  },
  unable_to_get_user_info: {
    title: "The provider did not confirm who you are",
    message: "The provider could not be reached or its answer could not be checked. Nothing was changed. Please try again.",
    action: "signin",
  },
  account_already_linked_to_different_user: {
    title: "That identity belongs to another account",
    message: "It is already connected to a different account here, so it was not connected to this one.",
    action: "settings",
  },
  email_does_not_match: {
    title: "That identity has a different e-mail",
    message: "Only an identity with your account's e-mail address can be connected. Nothing was connected.",
    action: "settings",
  },
  unable_to_link_account: {
    title: "That identity could not be connected",
    message: "The provider has not verified its e-mail address, or your session ended. Nothing was connected.",
    action: "settings",
  },
  unable_to_create_user: {
    title: "Your account could not be created",
    message: "Nothing was saved. Please try again in a moment.",
    action: "signin",
  },
};

export function signInProblem(code: string | undefined): SignInProblem {
  return (code && Object.hasOwn(PROBLEMS, code) ? PROBLEMS[code] : undefined) ?? GENERAL;
}
