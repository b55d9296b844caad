"use client";
/**
 * The zone to show due dates in: the server's (from the `tz` cookie, lib/time/time-zone.ts) during
 * the server render and hydration, so both agree, then the browser's own if it is another zone.
 * The cookie is written on every page (components/ui/remember-time-zone.tsx), so the two differ
 * only on a signed-in page opened before any other page of the site, or after the device's zone
 * changed.
 */
import { useEffect, useState } from "react";
import { canonicalTimeZone } from "../../../worker-api/src/lib/zone-clock.ts";

export function useTimeZone(serverZone: string): string {
  const [zone, setZone] = useState(serverZone);
  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // The server may spell the same zone otherwise (Asia/Kolkata or Asia/Calcutta, by its Intl and
    // the browser's): only another zone is a change, which makes the page fetch its data again.
    if (browserZone && canonicalTimeZone(serverZone) !== browserZone) setZone(browserZone);
  }, [serverZone]);
  return zone;
}
