import type { Metadata } from "next";
import { DashboardView } from "@/components/tasks/dashboard-view";
import { loadDashboard } from "@/lib/tasks/first-load";
import { liveTicketForThisRequest, tasksApiForThisRequest } from "@/lib/tasks/tasks-api-on-server";

export const metadata: Metadata = { title: "Dashboard" };

export default function DashboardPage() {
  // Not awaited: the page's shell streams at once, and the counts and tasks follow in the same response.
  return <DashboardView first={loadDashboard(tasksApiForThisRequest(), liveTicketForThisRequest())} />;
}
