import type { Metadata } from "next";
import { TaskBoard } from "@/components/tasks/task-board";
import { loadTasksPage } from "@/lib/tasks/first-load";
import { parseStatus } from "@/lib/tasks/task-status";
import { liveTicketForThisRequest, tasksApiForThisRequest } from "@/lib/tasks/tasks-api-on-server";

export const metadata: Metadata = { title: "Tasks" };

// Spelled out rather than Next's generated PageProps<"/tasks">, which exists only after a build or
// `next typegen` (a fresh clone's typecheck has neither).
type TasksPageProps = { searchParams: Promise<{ status?: string | string[] }> };

export default async function TasksPage({ searchParams }: TasksPageProps) {
  const status = parseStatus((await searchParams).status);
  // Not awaited: the page's shell streams at once, and the first page follows in the same response.
  const first = loadTasksPage(tasksApiForThisRequest(), status, liveTicketForThisRequest());
  return <TaskBoard status={status} first={first} />;
}
