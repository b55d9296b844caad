/**
 * The person's time zone, which "today", "tomorrow", "overdue" and the `due` filters depend on.
 * The browser knows it; the server learns it from the `tz` cookie that every page writes
 * (components/ui/remember-time-zone.tsx, in the root layout), so that the first HTML already speaks
 * the person's zone, from the first signed-in page on: a person reaches it through the landing,
 * sign-up or sign-in page, which has written the cookie by then. Without the cookie (a signed-in
 * page opened first, from a link) it is UTC, and the browser reloads the zone's data once.
 */
import { canonicalTimeZone } from "../../../worker-api/src/lib/zone-clock.ts";
import { preferenceCookie } from "../preference-cookie.ts";

export const TIME_ZONE_COOKIE = "tz";
export const DEFAULT_TIME_ZONE = "UTC";

/** `value` when Intl knows it as a time zone, else UTC (a cookie is the person's input). */
export function parseTimeZone(value: string | undefined | null): string {
  if (!value || value.length > 64) return DEFAULT_TIME_ZONE;
  return canonicalTimeZone(value) ?? DEFAULT_TIME_ZONE;
}

/** The `document.cookie` assignment that tells the server `zone` on every page of the site. */
export function timeZoneCookie(zone: string, secure: boolean): string {
  return preferenceCookie(TIME_ZONE_COOKIE, zone, secure);
}
