"use client";
/**
 * The tasks page: add form, status filter (kept in `?status=`), and the list. The add form sits
 * outside the list, so the list's loading and error states never reset what the user typed.
 */
import { useSearchParams } from "next/navigation";
import { useRef, useState } from "react";
import type { Task, TaskStatus } from "@/lib/api";
import { parseStatus, StatusFilter } from "./status-filter";
import { TaskForm } from "./task-form";
import { TaskList } from "./task-list";
import { useTaskList } from "./use-task-list";

export function TaskBoard() {
  const urlStatus = parseStatus(useSearchParams().get("status"));
  const [status, setStatus] = useState<TaskStatus>(urlStatus);
  const [seenUrlStatus, setSeenUrlStatus] = useState<TaskStatus>(urlStatus);
  // Back/forward or a link to ?status=… changes the URL under us: follow it.
  if (urlStatus !== seenUrlStatus) {
    setSeenUrlStatus(urlStatus);
    setStatus(urlStatus);
  }
  const list = useTaskList(status);
  const [announcement, setAnnouncement] = useState("");
  const listHeading = useRef<HTMLHeadingElement>(null);

  function changeStatus(next: TaskStatus) {
    setStatus(next);
    const url = new URL(window.location.href);
    if (next === "all") url.searchParams.delete("status");
    else url.searchParams.set("status", next);
    // Next.js folds native history calls into its router (useSearchParams follows) without a server round trip.
    window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
  }

  function handleCreated(task: Task) {
    const shown = list.insert(task);
    setAnnouncement(
      shown ? `Added “${task.title}”.` : `Added “${task.title}”. It is pending, so it is not shown under Completed.`,
    );
  }

  function handleDeleted(task: Task) {
    list.remove(task.id);
    setAnnouncement(`Deleted “${task.title}”.`);
    // The focused item is gone: continue from the list's heading.
    listHeading.current?.focus();
  }

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">Tasks</h1>

      <section aria-labelledby="add-task-heading" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-6">
        <h2 id="add-task-heading" className="mb-4 text-base font-semibold">
          Add a task
        </h2>
        <TaskForm onCreated={handleCreated} />
      </section>

      <section aria-labelledby="task-list-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="task-list-heading" ref={listHeading} tabIndex={-1} className="text-base font-semibold">
            Your tasks
          </h2>
          <StatusFilter value={status} onChange={changeStatus} />
        </div>
        <TaskList
          state={list.state}
          status={status}
          onRetry={list.reload}
          onLoadMore={list.loadMore}
          onUpdated={list.replace}
          onDeleted={handleDeleted}
        />
      </section>

      <p role="status" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
