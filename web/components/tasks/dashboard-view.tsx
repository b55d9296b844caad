"use client";
/**
 * Dashboard: the counts (all, pending, completed; pending ones overdue, due today, due this week
 * and by priority), the add form, and the five most recent tasks, rendered from the server's
 * first data, which the page awaits so that it is in the HTML's shell. Adding a task updates both
 * through the store, with no refetch.
 */
import Link from "next/link";
import type { Task, TaskSummary } from "@/lib/tasks/api";
import { describeDay } from "@/lib/tasks/due";
import { type FirstLoad, RECENT_COUNT } from "@/lib/tasks/first-load";
import { PRIORITY_CHIP, PRIORITY_OPTIONS } from "@/lib/tasks/priority";
import { TasksProvider, useTasks, useTasksStore } from "@/lib/tasks/use-tasks";
import { Button } from "../ui/button";
import { TaskForm } from "./task-form";

function LoadError({ what, message, onRetry }: { what: string; message: string; onRetry: () => void }) {
  return (
    <div className="rounded-lg bg-red-50 dark:bg-red-950 p-4 ring-1 ring-red-200 dark:ring-red-900">
      <div role="alert">
        <p className="font-semibold text-red-900 dark:text-red-200">Could not load {what}.</p>
        <p className="mt-1 text-sm text-red-800 dark:text-red-200">{message}</p>
      </div>
      <Button variant="secondary" onClick={onRetry} className="mt-3">
        Retry
      </Button>
    </div>
  );
}

const CARD = "rounded-xl bg-white p-3 shadow-sm ring-1 ring-zinc-200 sm:p-5 dark:bg-zinc-900 dark:ring-zinc-700";
const PLACEHOLDER = (
  <span className="inline-block h-8 w-10 animate-pulse rounded bg-zinc-200 dark:bg-zinc-700" aria-hidden="true" />
);

type Card = { label: string; value: number | undefined; href: string; tone?: string };

function CountCards({ cards, label }: { cards: Card[]; label: string }) {
  return (
    // A section names the group (a `dl` may not carry aria-label: it has no role to name).
    <section aria-label={label}>
      <dl className="grid grid-cols-3 gap-3 sm:gap-4">
        {cards.map((card) => (
          <div key={card.label} className={CARD}>
            <dt className="text-xs font-medium text-zinc-600 sm:text-sm dark:text-zinc-400">
              <Link href={card.href} className="hover:text-indigo-700 dark:hover:text-indigo-200 hover:underline">
                {card.label}
              </Link>
            </dt>
            <dd className={`mt-1 text-2xl font-semibold tabular-nums sm:text-3xl ${card.tone ?? ""}`}>
              {card.value ?? PLACEHOLDER}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function SummaryCards({ summary }: { summary: TaskSummary | null }) {
  return (
    <div className="space-y-3 sm:space-y-4">
      <CountCards
        label="All tasks"
        cards={[
          { label: "Total", value: summary?.total, href: "/tasks" },
          { label: "Pending", value: summary?.pending, href: "/tasks?status=pending" },
          { label: "Completed", value: summary?.completed, href: "/tasks?status=completed" },
        ]}
      />
      <CountCards
        label="Pending tasks by due date"
        cards={[
          {
            label: "Overdue",
            value: summary?.overdue,
            href: "/tasks?status=pending&due=overdue&sort=due",
            tone: summary?.overdue ? "text-red-700 dark:text-red-300" : "",
          },
          { label: "Due today", value: summary?.due_today, href: "/tasks?status=pending&due=today&sort=due" },
          { label: "Due this week", value: summary?.due_week, href: "/tasks?status=pending&due=week&sort=due" },
        ]}
      />
      <PriorityCounts summary={summary} />
    </div>
  );
}

/** Pending tasks per priority, most urgent first, each a link to that list. */
function PriorityCounts({ summary }: { summary: TaskSummary | null }) {
  const priorities = [...PRIORITY_OPTIONS].reverse();
  return (
    <div className={CARD}>
      <h3 className="text-xs font-medium text-zinc-600 sm:text-sm dark:text-zinc-400">Pending by priority</h3>
      <dl className="mt-2 flex flex-wrap gap-2">
        {priorities.map((option) => (
          <div
            key={option.value}
            className={`flex items-center gap-1.5 rounded-full px-3 py-1 text-sm ${PRIORITY_CHIP[option.value]}`}
          >
            <dt>
              <Link href={`/tasks?status=pending&priority=${option.value}`} className="hover:underline">
                {option.label}
              </Link>
            </dt>
            <dd className="font-semibold tabular-nums">{summary?.by_priority?.[option.value] ?? "–"}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function RecentTasks({ tasks, timeZone }: { tasks: Task[]; timeZone: string }) {
  if (tasks.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 dark:border-zinc-600 px-4 py-8 text-center text-sm text-zinc-600 dark:text-zinc-400">
        No tasks yet. Add your first one above.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800 rounded-xl bg-white dark:bg-zinc-900 shadow-sm ring-1 ring-zinc-200 dark:ring-zinc-700">
      {tasks.map((task) => (
        <li key={task.id} className="flex items-center justify-between gap-3 px-4 py-3">
          <span
            className={`min-w-0 truncate ${task.completed ? "text-zinc-500 dark:text-zinc-400 line-through" : "text-zinc-900 dark:text-zinc-100"}`}
          >
            {task.title}
          </span>
          <span className="flex shrink-0 items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
            <span
              className={`rounded-full px-2 py-0.5 font-medium ${task.completed ? "bg-emerald-50 dark:bg-emerald-950 text-emerald-800 dark:text-emerald-200" : "bg-amber-50 dark:bg-amber-950 text-amber-800 dark:text-amber-200"}`}
            >
              {task.completed ? "Completed" : "Pending"}
            </span>
            <time dateTime={task.created_at} className="hidden sm:inline">
              {describeDay(task.created_at, timeZone)}
            </time>
          </span>
        </li>
      ))}
    </ul>
  );
}

function Summary() {
  const { reloadSummary } = useTasks();
  const { summary } = useTasks().state;
  if (summary?.error && !summary.counts) {
    return <LoadError what="your task counts" message={summary.error} onRetry={reloadSummary} />;
  }
  return <SummaryCards summary={summary?.counts ?? null} />;
}

function Recent() {
  const { reload, timeZone } = useTasks();
  const { list } = useTasks().state;
  if (list.phase === "loading") return <RecentLoading />;
  if (list.phase === "error") return <LoadError what="your recent tasks" message={list.error ?? ""} onRetry={reload} />;
  return <RecentTasks tasks={list.tasks} timeZone={timeZone} />;
}

function RecentLoading() {
  return (
    <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
      Loading recent tasks…
    </p>
  );
}

export function DashboardView({ first, timeZone }: { first: FirstLoad; timeZone?: string }) {
  const tasks = useTasksStore({
    first,
    status: "all",
    pageSize: RECENT_COUNT,
    withSummary: true,
    recentLimit: RECENT_COUNT,
    ...(timeZone ? { timeZone } : {}),
  });

  return (
    <TasksProvider store={tasks}>
      <div className="space-y-8">
        <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>

        <section aria-labelledby="summary-heading" aria-busy={tasks.state.summary?.loading}>
          <h2 id="summary-heading" className="sr-only">
            Task counts
          </h2>
          <Summary />
        </section>

        <section
          aria-labelledby="quick-add-heading"
          className="rounded-xl bg-white dark:bg-zinc-900 p-4 shadow-sm ring-1 ring-zinc-200 dark:ring-zinc-700 sm:p-6"
        >
          <h2 id="quick-add-heading" className="mb-4 text-base font-semibold">
            Add a task
          </h2>
          <TaskForm />
        </section>

        <section aria-labelledby="recent-heading" className="space-y-3">
          <div className="flex items-baseline justify-between gap-3">
            <h2 id="recent-heading" className="text-base font-semibold">
              Recent tasks
            </h2>
            <Link href="/tasks" className="text-sm font-medium text-indigo-700 dark:text-indigo-300 hover:underline">
              View all tasks
            </Link>
          </div>
          <Recent />
        </section>

        <p role="status" className="sr-only">
          {tasks.state.announcement}
        </p>
      </div>
    </TasksProvider>
  );
}
