/**
 * Client-side form schemas (valibot); the user-facing messages live here. They mirror the server's
 * rules (Better Auth's password limits, the API's task limits) so most mistakes are caught before
 * a round trip, but the server stays the authority: its errors are still shown.
 *
 * A field's checks run in order and every failed one is reported; `firstFieldErrors` keeps the
 * first, so each pipe lists the most basic problem first ("required" before "too short").
 */
import * as v from "valibot";
import { EMAIL_MAX, NAME_MAX, PASSKEY_NAME_MAX, TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from "../../../drizzle/limits.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../auth/password-policy.ts";

/** A string that must not be empty, with the message that asks for it. */
const required = (message: string) => v.pipe(v.string(), v.minLength(1, message));

export const EmailSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, "Enter your email address."),
  v.maxLength(EMAIL_MAX, `Email addresses are at most ${EMAIL_MAX} characters.`),
  v.email("Enter a valid email address, like name@example.com."),
);

export const PasswordSchema = v.pipe(
  v.string(),
  v.minLength(1, "Enter a password."),
  v.minLength(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`),
  v.maxLength(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
);

export const NameSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, "Enter your name."),
  v.maxLength(NAME_MAX, `Keep your name to ${NAME_MAX} characters or fewer.`),
);

export const SignInSchema = v.object({
  email: EmailSchema,
  password: v.pipe(required("Enter your password."), PasswordSchema),
});

export const SignUpSchema = v.pipe(
  v.object({
    name: NameSchema,
    email: EmailSchema,
    password: PasswordSchema,
    confirmPassword: required("Confirm your password."),
  }),
  // Once both are otherwise valid; the message goes on the confirmation.
  v.forward(
    v.partialCheck(
      [["password"], ["confirmPassword"]],
      (value) => value.password === value.confirmPassword,
      "The passwords do not match.",
    ),
    ["confirmPassword"],
  ),
);

export const EmailOnlySchema = v.object({ email: EmailSchema });

/** A new password, twice, under sign-up's policy. */
export const NewPasswordSchema = v.pipe(
  v.object({ password: PasswordSchema, confirmPassword: required("Confirm your new password.") }),
  v.forward(
    v.partialCheck(
      [["password"], ["confirmPassword"]],
      (value) => value.password === value.confirmPassword,
      "The passwords do not match.",
    ),
    ["confirmPassword"],
  ),
);

export const ChangeEmailSchema = v.object({
  newEmail: EmailSchema,
  password: required("Enter your current password."),
});

export const DeleteAccountSchema = v.object({ password: required("Enter your password.") });

/** The password, to confirm a two-factor change (turning it on or off, new recovery codes). */
export const ConfirmPasswordSchema = v.object({ password: required("Enter your password.") });

/** A code from an authenticator app or a recovery code, as typed: spaces dropped. */
export const TwoFactorCodeSchema = v.object({
  code: v.pipe(
    v.string(),
    v.transform((value) => value.replace(/\s+/g, "")),
    v.minLength(1, "Enter the code."),
    v.maxLength(20, "That is longer than any code."),
  ),
});

/** The name a person gives a new passkey (Settings → Passkeys). */
export const PasskeyNameSchema = v.object({
  name: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, "Name the passkey, e.g. “Work laptop”."),
    v.maxLength(PASSKEY_NAME_MAX, `Use at most ${PASSKEY_NAME_MAX} characters.`),
  ),
});

export const ProfileUpdateSchema = v.object({ name: NameSchema });

export const PasswordChangeSchema = v.pipe(
  v.object({
    currentPassword: required("Enter your current password."),
    newPassword: PasswordSchema,
    confirmPassword: required("Confirm your new password."),
  }),
  v.forward(
    v.partialCheck(
      [["newPassword"], ["confirmPassword"]],
      (value) => value.newPassword === value.confirmPassword,
      "The new passwords do not match.",
    ),
    ["confirmPassword"],
  ),
  v.forward(
    v.partialCheck(
      [["currentPassword"], ["newPassword"]],
      (value) => value.newPassword !== value.currentPassword,
      "Choose a password different from your current one.",
    ),
    ["newPassword"],
  ),
);

export const TaskInputSchema = v.object({
  title: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, "Give the task a title."),
    v.maxLength(TASK_TITLE_MAX, `Keep the title to ${TASK_TITLE_MAX} characters or fewer.`),
  ),
  description: v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(TASK_DESCRIPTION_MAX, `Keep the description to ${TASK_DESCRIPTION_MAX} characters or fewer.`),
    // An empty description is stored as "no description".
    v.transform((value) => (value === "" ? null : value)),
  ),
});

export type FieldErrors<Field extends string = string> = Partial<Record<Field, string>>;

/** The first message per field (a form-wide one under "_"). */
export function firstFieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[v.getDotPath(issue) ?? "_"] ??= issue.message;
  return errors;
}
