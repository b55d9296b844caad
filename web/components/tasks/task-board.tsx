"use client";
/**
 * The tasks page: add form, status filter (kept in `?status=`), and the list. The heading, form
 * and filter render at once; the list waits (Suspense) for the server's first page, which streams
 * in the same response. The add form sits outside the list, so the list's loading and error
 * states never reset what the user typed.
 */
import { Suspense } from "react";
import type { TaskStatus } from "@/lib/tasks/api";
import { type FirstLoad, TASK_PAGE_SIZE } from "@/lib/tasks/first-load";
import { TasksProvider, useTasksStore } from "@/lib/tasks/use-tasks";
import { StatusFilter } from "./status-filter";
import { TaskForm } from "./task-form";
import { TaskList, TaskListSkeleton } from "./task-list";
import { TASK_LIST_HEADING_ID } from "./task-list-heading";

export function TaskBoard({ status, first }: { status: TaskStatus; first: Promise<FirstLoad> }) {
  const tasks = useTasksStore({ first, status, pageSize: TASK_PAGE_SIZE });

  function changeStatus(next: TaskStatus) {
    tasks.setStatus(next);
    const url = new URL(window.location.href);
    if (next === "all") url.searchParams.delete("status");
    else url.searchParams.set("status", next);
    // Next.js folds native history calls into its router without a server round trip.
    window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
  }

  return (
    <TasksProvider store={tasks}>
      <div className="space-y-8">
        <h1 className="text-2xl font-semibold tracking-tight">Tasks</h1>

        <section
          aria-labelledby="add-task-heading"
          className="rounded-xl bg-white dark:bg-zinc-900 p-4 shadow-sm ring-1 ring-zinc-200 dark:ring-zinc-700 sm:p-6"
        >
          <h2 id="add-task-heading" className="mb-4 text-base font-semibold">
            Add a task
          </h2>
          <TaskForm />
        </section>

        <section aria-labelledby={TASK_LIST_HEADING_ID} className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id={TASK_LIST_HEADING_ID} tabIndex={-1} className="text-base font-semibold">
              Your tasks
            </h2>
            <StatusFilter value={tasks.state.status} onChange={changeStatus} />
          </div>
          <Suspense fallback={<TaskListSkeleton />}>
            <TaskList />
          </Suspense>
        </section>

        <p role="status" className="sr-only">
          {tasks.state.announcement}
        </p>
      </div>
    </TasksProvider>
  );
}
