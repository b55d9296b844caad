/**
 * An in-memory `TasksApi` for component tests: the same interface and error type as the real
 * client, newest-first ordering, status filters and cursors, and hooks to fail or hold a call.
 */
import { vi } from "vitest";
import {
  ApiError,
  type BulkRequest,
  type ExportFormat,
  type Label,
  type LabelInput,
  type LabelPatch,
  type ListOptions,
  type Task,
  type TaskInput,
  type TaskPatch,
  type TasksApi,
} from "@/lib/tasks/api";

type Method = keyof TasksApi;

let counter = 0;

export function makeTask(overrides: Partial<Task> = {}): Task {
  counter += 1;
  const at = new Date(Date.UTC(2026, 0, 1, 0, counter)).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    user_id: "user-1",
    title: `Task ${counter}`,
    description: null,
    completed: false,
    completed_at: null,
    due: null,
    priority: "none",
    position: null,
    label_ids: [],
    created_at: at,
    updated_at: at,
    ...overrides,
  };
}

export const networkError = () =>
  new ApiError("Cannot reach the tasks API. Check your connection and try again.", 0, "network_error");

export function createFakeTasksApi(seed: Task[] = [], seedLabels: Label[] = []) {
  let tasks = [...seed];
  let labels = [...seedLabels];
  /** Deleted tasks, restorable (the API's deleted_tasks; the fake keeps them with no window). */
  const deleted = new Map<string, Task>();
  const failures = new Map<Method, ApiError[]>();
  const holds = new Map<Method, Promise<void>[]>();

  async function gate(method: Method) {
    const hold = holds.get(method)?.shift();
    if (hold) await hold;
    const failure = failures.get(method)?.shift();
    if (failure) throw failure;
  }

  function find(id: string): Task {
    const task = tasks.find((candidate) => candidate.id === id);
    if (!task) throw new ApiError("No such task.", 404, "task_not_found");
    return task;
  }

  function findLabel(id: string): Label {
    const label = labels.find((candidate) => candidate.id === id);
    if (!label) throw new ApiError("No such label.", 404, "label_not_found");
    return label;
  }

  function save(task: Task, patch: TaskPatch, extra: Partial<Task> = {}): Task {
    const updated = { ...task, ...patch, ...extra, updated_at: new Date().toISOString() };
    tasks = tasks.map((candidate) => (candidate.id === task.id ? updated : candidate));
    return updated;
  }

  const api = {
    list: vi.fn(async (options: ListOptions = {}) => {
      await gate("list");
      const status = options.status ?? "all";
      const sorted = tasks
        .filter((task) => status === "all" || task.completed === (status === "completed"))
        .sort((a, b) => b.created_at.localeCompare(a.created_at));
      if (options.order === "asc") sorted.reverse();
      const start = options.cursor ? Number(options.cursor) : 0;
      const end = start + Number(options.limit ?? 50);
      return { tasks: sorted.slice(start, end), next_cursor: end < sorted.length ? String(end) : null };
    }),
    summary: vi.fn(async () => {
      await gate("summary");
      const completed = tasks.filter((task) => task.completed).length;
      const pending = tasks.filter((task) => !task.completed);
      const byPriority = (priority: Task["priority"]) => pending.filter((task) => task.priority === priority).length;
      // Due windows are the API's to compute (worker-api/test/task-summary.test.ts); the fake counts none.
      return {
        total: tasks.length,
        pending: pending.length,
        completed,
        overdue: 0,
        due_today: 0,
        due_week: 0,
        by_priority: {
          none: byPriority("none"),
          low: byPriority("low"),
          medium: byPriority("medium"),
          high: byPriority("high"),
          urgent: byPriority("urgent"),
        },
      };
    }),
    createKey: vi.fn((_input: TaskInput) => crypto.randomUUID()),
    create: vi.fn(async (input: TaskInput) => {
      await gate("create");
      const task = makeTask({
        title: input.title,
        description: input.description ?? null,
        due: input.due ?? null,
        priority: input.priority ?? "none",
        created_at: new Date().toISOString(),
      });
      tasks = [task, ...tasks];
      return task;
    }),
    update: vi.fn(async (id: string, patch: TaskPatch) => {
      await gate("update");
      return save(find(id), patch);
    }),
    move: vi.fn(async (id: string, position: string) => {
      await gate("move");
      return save(find(id), {}, { position });
    }),
    remove: vi.fn(async (id: string) => {
      await gate("remove");
      deleted.set(id, find(id));
      tasks = tasks.filter((task) => task.id !== id);
    }),
    bulk: vi.fn(async (request: BulkRequest) => {
      await gate("bulk");
      const chosen = request.ids.map(find);
      if (request.label_id !== undefined) findLabel(request.label_id);
      const ids = new Set(request.ids);
      const at = new Date().toISOString();
      if (request.action === "delete") {
        for (const task of chosen) deleted.set(task.id, task);
        tasks = tasks.filter((task) => !ids.has(task.id));
        return;
      }
      for (const task of chosen) {
        const labelIds = new Set(task.label_ids);
        if (request.action === "add_label") labelIds.add(request.label_id as string);
        if (request.action === "remove_label") labelIds.delete(request.label_id as string);
        const extra: Partial<Task> =
          request.action === "complete"
            ? { completed: true, completed_at: task.completed ? task.completed_at : at }
            : request.action === "reopen"
              ? { completed: false, completed_at: null }
              : { label_ids: [...labelIds].sort() };
        save(task, {}, extra);
      }
    }),
    restore: vi.fn(async (ids: string[]) => {
      await gate("restore");
      const restored = ids.map((id) => deleted.get(id));
      if (restored.some((task) => task === undefined)) throw new ApiError("No such task.", 404, "task_not_found");
      for (const id of ids) deleted.delete(id);
      tasks = [...tasks, ...(restored as Task[])];
      return restored as Task[];
    }),
    listLabels: vi.fn(async () => {
      await gate("listLabels");
      return [...labels];
    }),
    createLabel: vi.fn(async (input: LabelInput) => {
      await gate("createLabel");
      if (labels.some((label) => label.name.toLowerCase() === input.name.toLowerCase())) {
        throw new ApiError("A label with this name already exists.", 409, "label_name_taken");
      }
      counter += 1;
      const label: Label = {
        id: `10000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
        name: input.name,
        color: input.color ?? "gray",
        created_at: new Date().toISOString(),
      };
      labels = [...labels, label];
      return label;
    }),
    updateLabel: vi.fn(async (labelId: string, patch: LabelPatch) => {
      await gate("updateLabel");
      const label = { ...findLabel(labelId), ...patch };
      labels = labels.map((other) => (other.id === labelId ? label : other));
      return label;
    }),
    removeLabel: vi.fn(async (labelId: string) => {
      await gate("removeLabel");
      findLabel(labelId);
      labels = labels.filter((label) => label.id !== labelId);
      tasks = tasks.map((task) => ({ ...task, label_ids: task.label_ids.filter((id) => id !== labelId) }));
    }),
    attachLabel: vi.fn(async (id: string, labelId: string) => {
      await gate("attachLabel");
      findLabel(labelId);
      const task = find(id);
      return save(task, {}, { label_ids: [...new Set([...task.label_ids, labelId])].sort() });
    }),
    detachLabel: vi.fn(async (id: string, labelId: string) => {
      await gate("detachLabel");
      findLabel(labelId);
      const task = find(id);
      return save(task, {}, { label_ids: task.label_ids.filter((other) => other !== labelId) });
    }),
    /** The titles, one per line, under the name the API gives the file. */
    exportFile: vi.fn(async (format: ExportFormat) => {
      await gate("exportFile");
      return new Response(tasks.map((task) => task.title).join("\n"), {
        headers: { "Content-Disposition": `attachment; filename="tasks-2026-12-06.${format}"` },
      });
    }),
  } satisfies TasksApi;

  return {
    api,
    get tasks() {
      return tasks;
    },
    /** The next call of `method` throws `error`. */
    failNext(method: Method, error: ApiError = networkError()) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    /** The next call of `method` waits until the returned function is called. */
    hold(method: Method): () => void {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.set(method, [...(holds.get(method) ?? []), held]);
      return release;
    },
  };
}

export type FakeTasksApi = ReturnType<typeof createFakeTasksApi>;
