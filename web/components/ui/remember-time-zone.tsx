"use client";
/**
 * Writes the browser's time zone to the `tz` cookie (lib/time/time-zone.ts) when the cookie says
 * otherwise. Rendered on every page by the root layout, so that the cookie exists before the first
 * signed-in page: its server render then shows due dates and the dashboard's counts in the
 * person's zone, and the browser has nothing to reload (nor a token to ask for) once it hydrates.
 */
import { useEffect } from "react";
import { TIME_ZONE_COOKIE, timeZoneCookie } from "@/lib/time/time-zone";

/** The `tz` cookie's value as the page sees it, if any. */
function rememberedZone(): string | undefined {
  const prefix = `${TIME_ZONE_COOKIE}=`;
  const cookie = document.cookie.split("; ").find((pair) => pair.startsWith(prefix));
  if (cookie === undefined) return undefined;
  try {
    return decodeURIComponent(cookie.slice(prefix.length));
  } catch {
    return undefined; // a mangled value: written again below
  }
}

export function RememberTimeZone() {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === rememberedZone()) return;
    // biome-ignore lint/suspicious/noDocumentCookie: one non-secret preference; the Cookie Store API is not in every browser.
    document.cookie = timeZoneCookie(zone, location.protocol === "https:");
  }, []);
  return null;
}
