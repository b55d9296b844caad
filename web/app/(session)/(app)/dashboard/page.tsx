import type { Metadata } from "next";
import { cookies } from "next/headers";
import { DashboardView } from "@/components/tasks/dashboard-view";
import { loadDashboard } from "@/lib/tasks/first-load";
import { liveTicketForThisRequest, tasksApiForThisRequest } from "@/lib/tasks/tasks-api-on-server";
import { parseTimeZone, TIME_ZONE_COOKIE } from "@/lib/tasks/time-zone";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  // The person's zone, for "overdue", "due today" and "this week" (time-zone.ts).
  const timeZone = parseTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
  // Awaited: the counts and tasks are in the shell, as on the tasks page.
  const first = await loadDashboard(tasksApiForThisRequest(), liveTicketForThisRequest(), timeZone);
  return <DashboardView first={first} timeZone={timeZone} />;
}
