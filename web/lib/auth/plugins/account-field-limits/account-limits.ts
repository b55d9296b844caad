/**
 * The account limits of drizzle/limits.ts, checked by the server (the forms check them too, but
 * anyone can call Better Auth's endpoints directly).
 */
import { EMAIL_MAX, NAME_MAX } from "../../../../../drizzle/limits.ts";

/** Undefined when the fields present are within bounds; otherwise the first problem, for people. */
export function accountFieldProblem(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const { name, email } = body as { name?: unknown; email?: unknown };
  if (name !== undefined) {
    if (typeof name !== "string" || name.trim().length === 0) return "Enter your name.";
    if (name.trim().length > NAME_MAX) return `Keep your name to ${NAME_MAX} characters or fewer.`;
  }
  if (email !== undefined && (typeof email !== "string" || email.length > EMAIL_MAX)) {
    return `Email addresses are at most ${EMAIL_MAX} characters.`;
  }
  return undefined;
}
