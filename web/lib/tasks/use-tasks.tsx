"use client";
/**
 * The one owner of a page's tasks: `useTasksStore` holds the list and the counts (task-store.ts)
 * and exposes the actions that change them (`create`, `update`, `toggle`, `remove`, filter and
 * paging); each action calls the API and updates the state itself. Components below read it with
 * `useTasks()`, and only render and call actions.
 *
 * The store's state starts from the server's first data (`first`, in the page's HTML): the server
 * render and hydration render that data, and nothing is fetched on load. A later `first` (the
 * page's props changed) is taken over by the same reducer step.
 * Changes made in other tabs and devices arrive live and apply to the same state (remote-change.ts);
 * after missed changes (a reconnect), the store refetches what it shows.
 */
import { createContext, type ReactNode, use, useEffect, useReducer, useRef } from "react";
import { DEFAULT_TIME_ZONE } from "../time/time-zone.ts";
import type { Label, LabelInput, LabelPatch, Task, TaskInput, TaskPatch, TaskStatus } from "./api.ts";
import { bulkActions, completedOffer, deletedOffer } from "./bulk-actions.ts";
import { errorMessage } from "./error-message.ts";
import type { FirstLoad } from "./first-load.ts";
import { useLiveUpdates } from "./live-updates.tsx";
import { listOptions, type TaskQuery } from "./task-query.ts";
import { initialTasksState, tasksReducer } from "./task-store";
import { useSessionEnded, useTasksApi } from "./tasks-api-provider";
import { useTimeZone } from "./use-time-zone.ts";

export type TasksStoreOptions = {
  /** The server's first data for this page. */
  first: FirstLoad;
  status: TaskStatus;
  /** The tasks page's whole query (task-query.ts); `status` alone elsewhere. */
  query?: TaskQuery;
  pageSize: number;
  withSummary?: boolean;
  /** Keep only the newest N (the dashboard's recent tasks). */
  recentLimit?: number;
  /** The zone the server rendered in (lib/time/time-zone.ts); the browser's own takes over after hydration. */
  timeZone?: string;
};

const sessionEndedIn = (first: FirstLoad) =>
  (!first.list.ok && first.list.sessionEnded) || (first.summary?.ok === false && first.summary.sessionEnded);

export function useTasksStore({
  first,
  status,
  query,
  pageSize,
  withSummary = false,
  recentLimit,
  timeZone: serverZone = DEFAULT_TIME_ZONE,
}: TasksStoreOptions) {
  const api = useTasksApi();
  const timeZone = useTimeZone(serverZone);
  const sessionEnded = useSessionEnded();
  const [state, dispatch] = useReducer(
    tasksReducer,
    { status, withSummary, recentLimit, ...(query ? { query } : {}) },
    (options) => tasksReducer(initialTasksState(options), { type: "adopted", first }),
  );
  const generation = useRef(0);
  const inflight = useRef(new Set<string>());

  useEffect(() => {
    // A no-op for the first data the state started from; a later one replaces it.
    dispatch({ type: "adopted", first });
    // The server's token was refused: this session has ended (signed out elsewhere, revoked).
    if (sessionEndedIn(first)) sessionEnded();
  }, [first, sessionEnded]);

  const limit = String(recentLimit ?? pageSize);

  async function load(forQuery: TaskQuery) {
    const current = ++generation.current;
    dispatch({ type: "listRequested", generation: current });
    try {
      const page = await api.list(recentLimit ? { limit } : listOptions(forQuery, timeZone, limit));
      dispatch({ type: "listLoaded", generation: current, page });
    } catch (error) {
      dispatch({ type: "listFailed", generation: current, error: errorMessage(error) });
    }
  }

  async function reloadSummary() {
    dispatch({ type: "summaryRequested" });
    try {
      dispatch({ type: "summaryLoaded", counts: await api.summary(timeZone) });
    } catch (error) {
      dispatch({ type: "summaryFailed", error: errorMessage(error) });
    }
  }

  /** A task with a due date changed: the due counts (the API's, in the person's zone) are fetched again. */
  function recountDue(task: Task, before?: Task) {
    if (withSummary && (task.due !== null || (before?.due ?? null) !== null)) void reloadSummary();
  }

  useLiveUpdates(
    {
      onChange: (change) => dispatch({ type: "remoteChanged", change }),
      onResync() {
        void load(state.query);
        if (state.summary) void reloadSummary();
      },
      onSessionEnded: sessionEnded,
    },
    { ticket: first.liveTicket, renderedAt: first.renderedAt },
  );

  // The browser's zone differs from the one the server rendered in: a due window moves with it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the zone changes, not on every render
  useEffect(() => {
    if (timeZone === serverZone) return;
    if (state.query.due && !recentLimit) void load(state.query);
    if (withSummary) void reloadSummary();
  }, [timeZone]);

  // A change elsewhere to a task this page never loaded: only the API knows the new counts.
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch when the flag rises, not when the function changes
  useEffect(() => {
    if (state.summaryStale) void reloadSummary();
  }, [state.summaryStale]);

  return {
    first,
    state,
    /** The person's zone, for due dates. */
    timeZone,
    setStatus(next: TaskStatus) {
      dispatch({ type: "statusChanged", status: next });
      void load({ ...state.query, status: next });
    },
    /** Shows the list for `next` (filters, search, sort), from its first page. */
    setQuery(next: TaskQuery) {
      dispatch({ type: "queryChanged", query: next });
      void load(next);
    },
    reload: () => load(state.query),
    async loadMore() {
      const cursor = state.list.nextCursor;
      if (!cursor || state.list.loadingMore) return;
      const current = generation.current;
      dispatch({ type: "moreRequested" });
      try {
        const page = await api.list({ ...listOptions(state.query, timeZone, limit), cursor });
        dispatch({ type: "moreLoaded", generation: current, page });
      } catch (error) {
        dispatch({ type: "moreFailed", generation: current, error: errorMessage(error) });
      }
    },
    reloadSummary,
    /** Creates the task and shows it; throws the API's error for the form to show. */
    async create(input: TaskInput): Promise<Task> {
      // Known before the request: its live echo may arrive before its answer.
      const key = api.createKey(input);
      dispatch({ type: "createStarted", key });
      let task: Task;
      try {
        task = await api.create(input);
      } catch (error) {
        dispatch({ type: "createFailed", key });
        throw error;
      }
      dispatch({ type: "created", task, key });
      recountDue(task);
      return task;
    },
    /** Saves an edit and shows it; throws the API's error for the form to show. */
    async update(id: string, patch: TaskPatch): Promise<Task> {
      const before = state.list.tasks.find((task) => task.id === id);
      const task = await api.update(id, patch);
      dispatch({ type: "updated", task });
      recountDue(task, before);
      return task;
    },
    /** Creates a label; throws the API's error (a name already used: 409) for the form to show. */
    async createLabel(input: LabelInput): Promise<Label> {
      const label = await api.createLabel(input);
      dispatch({ type: "labelSaved", label });
      return label;
    },
    /** Renames or recolours a label; throws the API's error for the form to show. */
    async updateLabel(id: string, patch: LabelPatch): Promise<Label> {
      const label = await api.updateLabel(id, patch);
      dispatch({ type: "labelSaved", label });
      return label;
    },
    /** Deletes a label; the tasks that carried it lose it. Throws the API's error. */
    async removeLabel(id: string): Promise<void> {
      await api.removeLabel(id);
      dispatch({ type: "labelRemoved", id });
    },
    /** Puts a label on a task or takes it off; throws the API's error. */
    async setTaskLabel(task: Task, labelId: string, on: boolean): Promise<void> {
      const updated = on ? await api.attachLabel(task.id, labelId) : await api.detachLabel(task.id, labelId);
      dispatch({ type: "updated", task: updated });
    },
    /** Flips `completed` on screen at once; undone, with a message on the task, if the API refuses. */
    async toggle(task: Task) {
      if (inflight.current.has(task.id)) return;
      inflight.current.add(task.id);
      const wanted = !task.completed;
      dispatch({ type: "toggleStarted", task });
      try {
        // `update` with the wanted value, not the API's flip-on-the-server PATCH: repeating it is harmless.
        dispatch({ type: "toggleSettled", task: await api.update(task.id, { completed: wanted }) });
        if (wanted) dispatch({ type: "undoOffered", offer: completedOffer([task]) });
        recountDue(task);
      } catch (error) {
        const message = `Could not mark the task as ${wanted ? "completed" : "pending"}. ${errorMessage(error)}`;
        dispatch({ type: "toggleFailed", task, message });
      } finally {
        inflight.current.delete(task.id);
      }
    },
    /** Moves the task to `position` on screen at once; put back, with a message, if the API refuses. */
    async move(task: Task, position: string) {
      dispatch({ type: "placed", task: { ...task, position } });
      try {
        dispatch({ type: "updated", task: await api.move(task.id, position) });
      } catch (error) {
        dispatch({ type: "placed", task, notice: `Could not move the task. ${errorMessage(error)}` });
      }
    },
    /** Removes the task from the screen at once; put back, with a message, if the API refuses. */
    async remove(task: Task) {
      if (inflight.current.has(task.id)) return;
      inflight.current.add(task.id);
      const index = state.list.tasks.findIndex((other) => other.id === task.id);
      dispatch({ type: "removeStarted", task });
      try {
        await api.remove(task.id);
        dispatch({ type: "removeSettled", id: task.id });
        dispatch({ type: "undoOffered", offer: deletedOffer([{ task, index: Math.max(index, 0) }]) });
        recountDue(task);
      } catch (error) {
        dispatch({ type: "removeFailed", id: task.id, message: `Could not delete the task. ${errorMessage(error)}` });
      } finally {
        inflight.current.delete(task.id);
      }
    },
    // Many tasks at once, and Undo (bulk-actions.ts).
    ...bulkActions(api, state, dispatch),
  };
}

export type TasksStore = ReturnType<typeof useTasksStore>;

const TasksContext = createContext<TasksStore | null>(null);

export function TasksProvider({ store, children }: { store: TasksStore; children: ReactNode }) {
  return <TasksContext.Provider value={store}>{children}</TasksContext.Provider>;
}

export function useTasks(): TasksStore {
  const store = use(TasksContext);
  if (!store) throw new Error("useTasks must be used inside <TasksProvider>");
  return store;
}
