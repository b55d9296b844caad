/**
 * The kinds of account event (drizzle/schema.ts `account_event`) and how Settings → Activity names
 * them. No server code here: the page's components read it too. Two-factor, recovery-code and
 * passkey kinds are recorded by their plugins through `recordAccountEvent` (record.ts).
 */
export const ACCOUNT_EVENT_KINDS = [
  "sign_in",
  "sign_in_failed",
  "sign_out",
  "password_changed",
  "password_reset",
  "email_change_requested",
  "email_changed",
  "provider_connected",
  "provider_disconnected",
  "device_signed_out",
  "two_factor_enabled",
  "two_factor_disabled",
  "recovery_code_used",
  "passkey_added",
  "passkey_removed",
] as const;

export type AccountEventKind = (typeof ACCOUNT_EVENT_KINDS)[number];

export const ACCOUNT_EVENT_LABELS: Record<AccountEventKind, string> = {
  sign_in: "Signed in",
  sign_in_failed: "Failed sign-in",
  sign_out: "Signed out",
  password_changed: "Password changed",
  password_reset: "Password reset",
  email_change_requested: "Email change requested",
  email_changed: "Email address changed",
  provider_connected: "Provider connected",
  provider_disconnected: "Provider disconnected",
  device_signed_out: "Device signed out",
  two_factor_enabled: "Two-factor authentication turned on",
  two_factor_disabled: "Two-factor authentication turned off",
  recovery_code_used: "Recovery code used",
  passkey_added: "Passkey added",
  passkey_removed: "Passkey removed",
};

/** Events shown on one page of Settings → Activity, and how far back it goes. */
export const ACTIVITY_PAGE_SIZE = 20;
export const ACTIVITY_KEEP_DAYS = 90;
