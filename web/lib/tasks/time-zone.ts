/**
 * The person's time zone, which "today", "tomorrow", "overdue" and the `due` filters depend on.
 * The browser knows it; the server learns it from the `tz` cookie the browser writes
 * (use-time-zone-cookie.ts), so that the first HTML already speaks the person's zone. Until the
 * cookie exists (the first page ever) it is UTC, and the browser reloads the data once it is set.
 */
import { canonicalTimeZone } from "../../../worker-api/src/lib/zone-clock.ts";

export const TIME_ZONE_COOKIE = "tz";
export const DEFAULT_TIME_ZONE = "UTC";

/** `value` when Intl knows it as a time zone, else UTC (a cookie is the person's input). */
export function parseTimeZone(value: string | undefined | null): string {
  if (!value || value.length > 64) return DEFAULT_TIME_ZONE;
  return canonicalTimeZone(value) ?? DEFAULT_TIME_ZONE;
}
