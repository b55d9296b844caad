/**
 * The person's zone for this request's server render: the `tz` cookie that every page writes
 * (time-zone.ts), UTC without it. The task pages' "today" and "overdue" and Settings' moments read it.
 */
import "server-only";
import { cookies } from "next/headers";
import { parseTimeZone, TIME_ZONE_COOKIE } from "./time-zone.ts";

export async function requestTimeZone(): Promise<string> {
  return parseTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
}
