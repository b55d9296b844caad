"use client";
/**
 * The zone to show due dates in: the server's (from the `tz` cookie, time-zone.ts) during the
 * server render and hydration, so both agree, then the browser's own. The browser's zone is also
 * written to the cookie, so the next server render uses it from the start.
 */
import { useEffect, useState } from "react";
import { TIME_ZONE_COOKIE } from "./time-zone.ts";

const YEAR_SECONDS = 365 * 24 * 3600;

export function useTimeZone(serverZone: string): string {
  const [zone, setZone] = useState(serverZone);
  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!browserZone) return;
    setZone(browserZone);
    if (browserZone !== serverZone) {
      // biome-ignore lint/suspicious/noDocumentCookie: one non-secret preference; the Cookie Store API is not in every browser.
      document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(browserZone)}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax`;
    }
  }, [serverZone]);
  return zone;
}
