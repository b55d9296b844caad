/**
 * The account limits of drizzle/limits.ts, checked by the server (the forms check them too, but
 * anyone can call Better Auth's endpoints directly), on the value that will be stored:
 * - a name is trimmed first, and the trimmed name is what is checked and stored (so a letter and
 *   100,000 spaces is stored as the letter, never as 100,001 characters in the session cookie);
 * - no control characters (Postgres cannot store NUL; a line break in a name forges lines in mails
 *   and logs), no unpaired UTF-16 surrogates;
 * - lengths in characters (code points), as Postgres's `char_length` counts them in the CHECKs;
 * - no `image`: the app never shows or sets one, and whatever is stored rides in the cookie.
 * The database holds the same limits (the `user` CHECKs in drizzle/auth-schema.ts).
 */
import { EMAIL_MAX, NAME_MAX } from "../../../../../drizzle/limits.ts";

/** Control characters (Cc) and unpaired UTF-16 surrogates (Cs, which no text encoding can store). */
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/u;

const characters = (value: string) => [...value].length;
const isPrintable = (value: string) => !UNPRINTABLE.test(value);

export type AccountFieldCheck = { problem: string } | { name?: string };

function checkName(name: unknown): AccountFieldCheck {
  if (typeof name !== "string") return { problem: "Enter your name." };
  const trimmed = name.trim();
  if (trimmed.length === 0) return { problem: "Enter your name." };
  if (characters(trimmed) > NAME_MAX) return { problem: `Keep your name to ${NAME_MAX} characters or fewer.` };
  if (!isPrintable(trimmed)) return { problem: "Names cannot contain line breaks or other control characters." };
  return { name: trimmed };
}

/** An address as Better Auth stores it (lower-cased), within EMAIL_MAX. */
function emailProblem(email: unknown): string | undefined {
  if (typeof email !== "string" || characters(email.toLowerCase()) > EMAIL_MAX || !isPrintable(email)) {
    return `Email addresses are at most ${EMAIL_MAX} characters.`;
  }
  return undefined;
}

/**
 * The fields of a sign-up, profile update or e-mail change that are present: the first problem
 * (for people), or the name to store in place of the one sent.
 */
export function checkAccountFields(body: unknown): AccountFieldCheck {
  if (!body || typeof body !== "object") return {};
  const { name, email, newEmail, image } = body as Record<string, unknown>;
  if (image !== undefined && image !== null) return { problem: "Profile pictures are not supported." };
  for (const address of [email, newEmail]) {
    const problem = address === undefined ? undefined : emailProblem(address);
    if (problem) return { problem };
  }
  return name === undefined ? {} : checkName(name);
}
