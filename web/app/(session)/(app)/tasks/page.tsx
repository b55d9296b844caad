import type { Metadata } from "next";
import { TaskBoard } from "@/components/tasks/task-board";
import { loadTasksPage } from "@/lib/tasks/first-load";
import { parseTaskQuery } from "@/lib/tasks/task-query";
import { liveTicketForThisRequest, tasksApiForThisRequest } from "@/lib/tasks/tasks-api-on-server";
import { requestTimeZone } from "@/lib/time/request-time-zone";

export const metadata: Metadata = { title: "Tasks" };

// Spelled out rather than Next's generated PageProps<"/tasks">, which exists only after a build or
// `next typegen` (a fresh clone's typecheck has neither).
type TasksPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TasksPage({ searchParams }: TasksPageProps) {
  // The URL's filters, search and sort: the first HTML already shows that list.
  const query = parseTaskQuery(await searchParams);
  const timeZone = await requestTimeZone();
  // Awaited, so that the tasks are in the shell: a list streamed into a Suspense boundary after the
  // shell is revealed up to 300 ms later by React (docs/architecture.md).
  const first = await loadTasksPage(tasksApiForThisRequest(), query, liveTicketForThisRequest(), timeZone);
  // The query the list was read with: the URL's, less any label the person no longer has.
  return <TaskBoard query={first.query ?? query} first={first} timeZone={timeZone} />;
}
