import type { Metadata } from "next";
import { DashboardView } from "@/components/tasks/dashboard-view";
import { loadDashboard } from "@/lib/tasks/first-load";
import { liveTicketForThisRequest, tasksApiForThisRequest } from "@/lib/tasks/tasks-api-on-server";
import { requestTimeZone } from "@/lib/time/request-time-zone";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  // The person's zone, for "overdue", "due today" and "this week".
  const timeZone = await requestTimeZone();
  // Awaited: the counts and tasks are in the shell, as on the tasks page.
  const first = await loadDashboard(tasksApiForThisRequest(), liveTicketForThisRequest(), timeZone);
  return <DashboardView first={first} timeZone={timeZone} />;
}
