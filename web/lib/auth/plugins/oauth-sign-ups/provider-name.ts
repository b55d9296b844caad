/**
 * A provider's display name as this app can store it (drizzle/limits.ts, the `user` CHECKs): no
 * control characters, trimmed, at most NAME_MAX characters, never empty. Providers send anything
 * (GitHub's name may be null, a line break, or 300 characters): the sign-up must not fail on it.
 */
import { NAME_MAX } from "../../../../../drizzle/limits.ts";

const UNPRINTABLE = /[\p{Cc}\p{Cs}]/gu;

const fitted = (value: string) =>
  [...value.replace(UNPRINTABLE, " ").replace(/\s+/g, " ").trim()].slice(0, NAME_MAX).join("").trim();

export function providerName(name: unknown, email: string): string {
  return fitted(typeof name === "string" ? name : "") || fitted(email.split("@")[0] ?? "") || "Unnamed";
}
