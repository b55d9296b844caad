"use client";
/**
 * One filtered, paginated task list: the first page on mount and whenever the filter changes,
 * "load more" with the API's cursor, and local updates after a create, edit or delete. Answers to
 * an older request (the user switched filter meanwhile) are dropped.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Task, TaskStatus } from "@/lib/api";
import { errorMessage } from "@/lib/error-message";
import { useTasksApi } from "./tasks-api-provider";

export const TASK_PAGE_SIZE = 20;

export type TaskListState = {
  phase: "loading" | "ready" | "error";
  tasks: Task[];
  nextCursor: string | null;
  error: string | null;
  loadingMore: boolean;
  loadMoreError: string | null;
};

const INITIAL: TaskListState = {
  phase: "loading",
  tasks: [],
  nextCursor: null,
  error: null,
  loadingMore: false,
  loadMoreError: null,
};

const matches = (status: TaskStatus, task: Task) =>
  status === "all" || (status === "completed" ? task.completed : !task.completed);

export function useTaskList(status: TaskStatus, pageSize = TASK_PAGE_SIZE) {
  const api = useTasksApi();
  const [state, setState] = useState<TaskListState>(INITIAL);
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const current = ++generation.current;
    setState((previous) => ({ ...previous, phase: "loading", error: null, loadMoreError: null, loadingMore: false }));
    try {
      const page = await api.list({ status, limit: pageSize });
      if (current !== generation.current) return;
      setState({ ...INITIAL, phase: "ready", tasks: page.tasks, nextCursor: page.next_cursor });
    } catch (error) {
      if (current !== generation.current) return;
      setState((previous) => ({ ...previous, phase: "error", error: errorMessage(error) }));
    }
  }, [api, status, pageSize]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const loadMore = useCallback(async () => {
    const cursor = state.nextCursor;
    if (!cursor || state.loadingMore) return;
    const current = generation.current;
    setState((previous) => ({ ...previous, loadingMore: true, loadMoreError: null }));
    try {
      const page = await api.list({ status, limit: pageSize, cursor });
      if (current !== generation.current) return;
      setState((previous) => {
        const seen = new Set(previous.tasks.map((task) => task.id));
        return {
          ...previous,
          tasks: [...previous.tasks, ...page.tasks.filter((task) => !seen.has(task.id))],
          nextCursor: page.next_cursor,
          loadingMore: false,
        };
      });
    } catch (error) {
      if (current !== generation.current) return;
      setState((previous) => ({ ...previous, loadingMore: false, loadMoreError: errorMessage(error) }));
    }
  }, [api, status, pageSize, state.nextCursor, state.loadingMore]);

  /** A task just created: newest first, and only if it belongs under the current filter. */
  const insert = useCallback(
    (task: Task) => {
      if (!matches(status, task)) return false;
      setState((previous) => ({ ...previous, tasks: [task, ...previous.tasks.filter((other) => other.id !== task.id)] }));
      return true;
    },
    [status],
  );

  /** A task changed: updated in place (it stays visible until the next load, even if it no longer matches). */
  const replace = useCallback((task: Task) => {
    setState((previous) => ({ ...previous, tasks: previous.tasks.map((other) => (other.id === task.id ? task : other)) }));
  }, []);

  const remove = useCallback((id: string) => {
    setState((previous) => ({ ...previous, tasks: previous.tasks.filter((task) => task.id !== id) }));
  }, []);

  return { state, reload, loadMore, insert, replace, remove };
}
