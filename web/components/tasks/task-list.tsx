"use client";
/** The list part of the tasks page: loading, error with Retry, empty (per filter), items, Load more. */
import type { TaskStatus } from "@/lib/tasks/api";
import { isFiltered } from "@/lib/tasks/task-query";
import { useTasks } from "@/lib/tasks/use-tasks";
import { Button } from "../ui/button";
import { SortableTaskList } from "./sortable-task-list";

const EMPTY: Record<TaskStatus, { title: string; text: string }> = {
  all: { title: "No tasks yet", text: "Add your first task with the form above." },
  pending: { title: "Nothing pending", text: "Everything is done. Enjoy the quiet, or add something new." },
  completed: { title: "No completed tasks", text: "Tick a task when you finish it and it will show up here." },
};

export function TaskListSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">Loading tasks…</span>
      <ul aria-hidden="true" className="animate-pulse space-y-3">
        {Array.from({ length: rows }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders with no identity.
          <li key={index} className="flex gap-3 rounded-lg bg-white dark:bg-zinc-900 p-4 ring-1 ring-zinc-200 dark:ring-zinc-700">
            <div className="size-5 rounded bg-zinc-200 dark:bg-zinc-700" />
            <div className="flex-1 space-y-2">
              <div className="h-4 w-1/2 rounded bg-zinc-200 dark:bg-zinc-700" />
              <div className="h-3 w-1/4 rounded bg-zinc-100 dark:bg-zinc-800" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function TaskList({ onClearFilters }: { onClearFilters?: () => void }) {
  const { reload, loadMore } = useTasks();
  const { list, status, query } = useTasks().state;
  const filtered = isFiltered(query);

  if (list.phase === "loading") return <TaskListSkeleton />;

  if (list.phase === "error") {
    return (
      <div className="rounded-lg bg-red-50 dark:bg-red-950 p-4 ring-1 ring-red-200 dark:ring-red-900">
        <div role="alert">
          <p className="font-semibold text-red-900 dark:text-red-200">Could not load your tasks.</p>
          <p className="mt-1 text-sm text-red-800 dark:text-red-200">{list.error}</p>
        </div>
        <Button variant="secondary" onClick={reload} className="mt-3">
          Retry
        </Button>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      {list.tasks.length === 0 ? (
        <div className="rounded-lg border border-dashed border-zinc-300 dark:border-zinc-600 px-4 py-10 text-center">
          {filtered ? (
            <>
              <p className="font-medium text-zinc-900 dark:text-zinc-100">No tasks match</p>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Try other words or fewer filters.</p>
              {onClearFilters && (
                <Button variant="secondary" onClick={onClearFilters} className="mt-3">
                  Clear filters
                </Button>
              )}
            </>
          ) : (
            <>
              <p className="font-medium text-zinc-900 dark:text-zinc-100">{EMPTY[status].title}</p>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{EMPTY[status].text}</p>
            </>
          )}
        </div>
      ) : (
        <SortableTaskList tasks={list.tasks} manual={query.sort === "position"} order={query.order} />
      )}

      {list.nextCursor && (
        <div className="flex flex-col items-center gap-2">
          {list.loadMoreError && (
            <p role="alert" className="text-sm text-red-800 dark:text-red-200">
              Could not load more tasks. {list.loadMoreError}
            </p>
          )}
          <Button variant="secondary" onClick={loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? "Loading…" : list.loadMoreError ? "Try again" : "Load more"}
          </Button>
        </div>
      )}
    </div>
  );
}
