/** The tasks page's filter, kept in `?status=`; read on the server and in the browser alike. */
import type { TaskStatus } from "./api.ts";

/** `?status=` from the URL; anything unknown (or repeated) means "all". */
export function parseStatus(value: string | string[] | null | undefined): TaskStatus {
  return value === "pending" || value === "completed" ? value : "all";
}

/** Whether `task` belongs under `status`. */
export const matchesStatus = (status: TaskStatus, task: { completed: boolean }) =>
  status === "all" || (status === "completed" ? task.completed : !task.completed);
