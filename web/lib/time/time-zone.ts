/**
 * The person's time zone, which "today", "tomorrow", "overdue" and the `due` filters depend on.
 * The browser knows it; the server learns it from the `tz` cookie that every page writes
 * (components/ui/remember-time-zone.tsx, in the root layout), so that the first HTML already speaks
 * the person's zone, from the first signed-in page on: a person reaches it through the landing,
 * sign-up or sign-in page, which has written the cookie by then. Without the cookie (a signed-in
 * page opened first, from a link) it is UTC, and the browser reloads the zone's data once.
 */
import { canonicalTimeZone } from "../../../worker-api/src/lib/zone-clock.ts";

export const TIME_ZONE_COOKIE = "tz";
export const DEFAULT_TIME_ZONE = "UTC";

/** `value` when Intl knows it as a time zone, else UTC (a cookie is the person's input). */
export function parseTimeZone(value: string | undefined | null): string {
  if (!value || value.length > 64) return DEFAULT_TIME_ZONE;
  return canonicalTimeZone(value) ?? DEFAULT_TIME_ZONE;
}

/** A year: a preference, not a secret; written again whenever the browser's zone changes. */
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The `document.cookie` assignment that tells the server `zone` on every page of the site. */
export function timeZoneCookie(zone: string, secure: boolean): string {
  return `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure ? "; Secure" : ""}`;
}
