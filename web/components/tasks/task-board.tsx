"use client";
/**
 * The tasks page: add form, labels, the list's filters, search and sort (kept in the URL's search
 * params, task-query.ts), and the list, rendered from the server's first page (already the filtered
 * one), which the page awaits so that it is in the HTML's shell. The add form sits outside the
 * list, so the list's loading and error states never reset what the user typed.
 */
import { useEffect } from "react";
import type { TaskStatus } from "@/lib/tasks/api";
import { type FirstLoad, TASK_PAGE_SIZE } from "@/lib/tasks/first-load";
import { DEFAULT_QUERY, parseTaskQuery, queryKey, type TaskQuery, taskQueryParams } from "@/lib/tasks/task-query";
import { TasksProvider } from "@/lib/tasks/use-selection";
import { useTasksStore } from "@/lib/tasks/use-tasks";
import { BulkBar } from "./bulk-bar";
import { ExportButtons } from "./export-buttons";
import { LabelManager } from "./label-manager";
import { StatusFilter } from "./status-filter";
import { TaskFilters } from "./task-filters";
import { TaskForm } from "./task-form";
import { TaskList } from "./task-list";
import { TASK_LIST_HEADING_ID } from "./task-list-heading";
import { TaskShortcuts } from "./task-shortcuts";
import { UndoNotice } from "./undo-notice";

type TaskBoardProps = {
  first: FirstLoad;
  /** The URL's query; or only a status (the list's other settings at their defaults). */
  query?: TaskQuery;
  status?: TaskStatus;
  /** The zone the server rendered in (lib/time/time-zone.ts). */
  timeZone?: string;
};

function showInUrl(query: TaskQuery) {
  const url = new URL(window.location.href);
  url.search = taskQueryParams(query).toString();
  // Next.js folds native history calls into its router without a server round trip.
  window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
}

export function TaskBoard({ first, query, status = "all", timeZone }: TaskBoardProps) {
  const initial = query ?? { ...DEFAULT_QUERY, status };
  const tasks = useTasksStore({
    first,
    status: initial.status,
    query: initial,
    pageSize: TASK_PAGE_SIZE,
    ...(timeZone ? { timeZone } : {}),
  });

  // The server reads the list with the URL's query less any label the person no longer has
  // (withKnownLabels): the address bar then shows the query the list was read with.
  useEffect(() => {
    if (query && queryKey(parseTaskQuery(new URLSearchParams(window.location.search))) !== queryKey(query)) showInUrl(query);
  }, [query]);

  function changeQuery(next: TaskQuery) {
    tasks.setQuery(next);
    showInUrl(next);
  }

  return (
    <TasksProvider store={tasks}>
      <div className="space-y-8">
        <h1 className="text-2xl font-semibold tracking-tight">Tasks</h1>

        <section
          aria-labelledby="add-task-heading"
          className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-6 dark:bg-zinc-900 dark:ring-zinc-700"
        >
          <h2 id="add-task-heading" className="mb-4 text-base font-semibold">
            Add a task
          </h2>
          <TaskForm />
        </section>

        <LabelManager />

        <section aria-labelledby={TASK_LIST_HEADING_ID} className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="flex items-center gap-2">
              <h2 id={TASK_LIST_HEADING_ID} tabIndex={-1} className="text-base font-semibold">
                Your tasks
              </h2>
              <TaskShortcuts />
            </div>
            <StatusFilter value={tasks.state.status} onChange={(next) => changeQuery({ ...tasks.state.query, status: next })} />
          </div>
          <TaskFilters query={tasks.state.query} labels={tasks.state.labels} onChange={changeQuery} />
          <BulkBar />
          <TaskList onClearFilters={() => changeQuery({ ...DEFAULT_QUERY, status: tasks.state.status })} />
          <ExportButtons />
        </section>

        <p role="status" className="sr-only">
          {tasks.state.announcement}
        </p>
        <UndoNotice />
      </div>
    </TasksProvider>
  );
}
