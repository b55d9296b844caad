/**
 * Client-side form schemas; the user-facing messages live here. They mirror the server's rules
 * (Better Auth's password limits, the API's task limits) so most mistakes are caught before a
 * round trip, but the server stays the authority: its errors are still shown.
 */
import { z } from "zod";
import { EMAIL_MAX, NAME_MAX, PASSKEY_NAME_MAX, TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from "../../../drizzle/limits.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../auth/password-policy.ts";

// Zod compiles schemas with `new Function` when it may; the pages' CSP forbids eval, and even
// zod's probe for it would be reported as a violation.
z.config({ jitless: true });

export const EmailSchema = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(EMAIL_MAX, `Email addresses are at most ${EMAIL_MAX} characters.`)
  .pipe(z.email("Enter a valid email address, like name@example.com."));

export const PasswordSchema = z
  .string()
  .min(1, "Enter a password.")
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

export const NameSchema = z
  .string()
  .trim()
  .min(1, "Enter your name.")
  .max(NAME_MAX, `Keep your name to ${NAME_MAX} characters or fewer.`);

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, "Enter your password.").pipe(PasswordSchema),
});

export const SignUpSchema = z
  .object({
    name: NameSchema,
    email: EmailSchema,
    password: PasswordSchema,
    confirmPassword: z.string().min(1, "Confirm your password."),
  })
  .refine((value) => value.password === value.confirmPassword, {
    message: "The passwords do not match.",
    path: ["confirmPassword"],
  });

export const EmailOnlySchema = z.object({ email: EmailSchema });

/** A new password, twice, under sign-up's policy. */
export const NewPasswordSchema = z
  .object({ password: PasswordSchema, confirmPassword: z.string().min(1, "Confirm your new password.") })
  .refine((value) => value.password === value.confirmPassword, {
    message: "The passwords do not match.",
    path: ["confirmPassword"],
  });

export const ChangeEmailSchema = z.object({
  newEmail: EmailSchema,
  password: z.string().min(1, "Enter your current password."),
});

export const DeleteAccountSchema = z.object({ password: z.string().min(1, "Enter your password.") });

/** The password, to confirm a two-factor change (turning it on or off, new recovery codes). */
export const ConfirmPasswordSchema = z.object({ password: z.string().min(1, "Enter your password.") });

/** A code from an authenticator app or a recovery code, as typed: spaces dropped. */
export const TwoFactorCodeSchema = z.object({
  code: z
    .string()
    .transform((value) => value.replace(/\s+/g, ""))
    .pipe(z.string().min(1, "Enter the code.").max(20, "That is longer than any code.")),
});

/** The name a person gives a new passkey (Settings → Passkeys). */
export const PasskeyNameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the passkey, e.g. “Work laptop”.")
    .max(PASSKEY_NAME_MAX, `Use at most ${PASSKEY_NAME_MAX} characters.`),
});

export const ProfileUpdateSchema = z.object({ name: NameSchema });

export const PasswordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: PasswordSchema,
    confirmPassword: z.string().min(1, "Confirm your new password."),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    message: "The new passwords do not match.",
    path: ["confirmPassword"],
  })
  .refine((value) => value.newPassword.length === 0 || value.newPassword !== value.currentPassword, {
    message: "Choose a password different from your current one.",
    path: ["newPassword"],
  });

export const TaskInputSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the task a title.")
    .max(TASK_TITLE_MAX, `Keep the title to ${TASK_TITLE_MAX} characters or fewer.`),
  description: z
    .string()
    .trim()
    .max(TASK_DESCRIPTION_MAX, `Keep the description to ${TASK_DESCRIPTION_MAX} characters or fewer.`)
    // An empty description is stored as "no description".
    .transform((value) => (value === "" ? null : value)),
});

export type FieldErrors<Field extends string = string> = Partial<Record<Field, string>>;

/** The first message per field (the most basic problem first: "required" before "too short"). */
export function firstFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "_";
    errors[field] ??= issue.message;
  }
  return errors;
}
