import type { Metadata } from "next";
import { Suspense } from "react";
import { TaskBoard } from "@/components/tasks/task-board";
import { TaskListSkeleton } from "@/components/tasks/task-list";

export const metadata: Metadata = { title: "Tasks" };

export default function TasksPage() {
  return (
    // TaskBoard reads ?status= with useSearchParams, which needs a Suspense boundary.
    <Suspense fallback={<TaskListSkeleton />}>
      <TaskBoard />
    </Suspense>
  );
}
