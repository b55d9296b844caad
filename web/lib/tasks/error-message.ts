/** One sentence for anything a tasks-API call can throw (an `ApiError` or a token failure). */
import { SESSION_ENDED_MESSAGE } from "../auth/ui/session-ended.ts";
import { ApiError } from "./api.ts";

const PEOPLE_FACING_CODES = new Set(["database_unavailable", "jwks_unavailable"]);

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return SESSION_ENDED_MESSAGE;
    if (error.status === 404) return "That task no longer exists. It may have been deleted elsewhere.";
    if (error.status === 429) return "Too many requests. Wait a moment, then try again.";
    // The API's own 503s say what is down in words written for people: show them as they are.
    if (PEOPLE_FACING_CODES.has(error.code)) return error.message;
    if (error.status >= 500) return "The tasks service is having trouble. Please try again in a moment.";
    return error.message;
  }
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Please try again.";
}

/** The API's 422 `details` (field → messages) as one message per field, or null when absent. */
export function apiFieldErrors(error: unknown): Record<string, string> | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const details = error.details;
  if (!details || typeof details !== "object") return null;
  const errors: Record<string, string> = {};
  for (const [field, messages] of Object.entries(details as Record<string, unknown>)) {
    const first = Array.isArray(messages) ? messages[0] : messages;
    if (typeof first === "string") errors[field] = capitalise(first);
  }
  return errors;
}

const capitalise = (text: string) => (text ? `${text[0]?.toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? "" : "."}` : text);
