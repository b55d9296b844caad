// Changes from other tabs and devices, applied to the tasks store's reducer: each once, in order,
// with the counts right, whether the echo of this tab's own write comes before or after the API's
// answer. (A .tsx file: the web project's happy-dom tests; this one renders nothing.)
import { describe, expect, it } from "vitest";
import type { Task } from "@/lib/tasks/api";
import { initialTasksState, type TasksAction, type TasksState, tasksReducer } from "@/lib/tasks/task-store";
import { makeTask } from "./fake-tasks-api.ts";

/** The dashboard's other counts, which these tests leave at zero. */
const NO_DUE_COUNTS = {
  overdue: 0,
  due_today: 0,
  due_week: 0,
  by_priority: { none: 0, low: 0, medium: 0, high: 0, urgent: 0 },
};

const later = (task: Task, changes: Partial<Task>, seconds = 1): Task => ({
  ...task,
  ...changes,
  updated_at: new Date(Date.parse(task.updated_at) + seconds * 1000).toISOString(),
});

function dashboard(tasks: Task[]): TasksState {
  const state = initialTasksState({ status: "all", withSummary: true, recentLimit: 5 });
  const completed = tasks.filter((task) => task.completed).length;
  return tasksReducer(state, {
    type: "adopted",
    first: {
      status: "all",
      list: { ok: true, data: { tasks, next_cursor: null } },
      summary: { ok: true, data: { ...NO_DUE_COUNTS, total: tasks.length, completed, pending: tasks.length - completed } },
    },
  });
}

const run = (state: TasksState, ...actions: TasksAction[]) => actions.reduce(tasksReducer, state);
const remote = (change: Extract<TasksAction, { type: "remoteChanged" }>["change"]): TasksAction => ({
  type: "remoteChanged",
  change,
});

describe("changes made elsewhere", () => {
  it("shows a task created elsewhere on top and counts it once, however often it arrives", () => {
    const old = makeTask();
    const created = makeTask({ title: "from the phone" });
    const state = run(dashboard([old]), remote({ op: "upsert", task: created }), remote({ op: "upsert", task: created }));
    expect(state.list.tasks.map((task) => task.id)).toEqual([created.id, old.id]);
    expect(state.summary?.counts).toMatchObject({ total: 2, pending: 2, completed: 0 });
  });

  it("announces this tab's own create as its own when the echo beats the answer, and another tab's as made elsewhere", () => {
    const mine = makeTask({ title: "mine" });
    const key = crypto.randomUUID();
    const started = run(dashboard([]), { type: "createStarted", key });
    const echoed = run(started, remote({ op: "upsert", task: mine, idempotency_key: key }));
    expect(echoed.list.tasks).toEqual([mine]);
    expect(echoed.announcement).toBe("");
    const answered = run(echoed, { type: "created", task: mine, key });
    expect(answered.announcement).toBe("Added “mine”.");
    expect(answered.creating).toEqual({});
    expect(answered.summary?.counts).toMatchObject({ total: 1, pending: 1 });

    // Another tab's create, while this one has its own in flight: the keys differ.
    const theirs = makeTask({ title: "theirs" });
    const other = run(started, remote({ op: "upsert", task: theirs, idempotency_key: crypto.randomUUID() }));
    expect(other.announcement).toBe("“theirs” was added on another device or tab.");
    // A create this tab gave up on: an echo of it is announced like any task that appears.
    const failed = run(started, { type: "createFailed", key }, remote({ op: "upsert", task: theirs, idempotency_key: key }));
    expect(failed.announcement).toBe("“theirs” was added on another device or tab.");
  });

  it("counts this tab's own create once, whether its echo arrives before or after the API's answer", () => {
    const created = makeTask();
    for (const order of [
      [remote({ op: "upsert", task: created }), { type: "created", task: created } as TasksAction],
      [{ type: "created", task: created } as TasksAction, remote({ op: "upsert", task: created })],
    ]) {
      const state = run(dashboard([]), ...order);
      expect(state.list.tasks).toEqual([created]);
      expect(state.summary?.counts).toMatchObject({ total: 1, pending: 1, completed: 0 });
    }
  });

  it("applies a newer state and ignores an older or equal one (no flicker back)", () => {
    const task = makeTask();
    const done = later(task, { completed: true });
    const renamed = later(done, { title: "renamed" });
    const newer = run(dashboard([task]), remote({ op: "upsert", task: renamed }));
    for (const stale of [done, renamed, task]) {
      const state = run(newer, remote({ op: "upsert", task: { ...stale, title: `${stale.title} (stale)` } }));
      expect(state.list.tasks).toEqual([renamed]);
      expect(state.summary?.counts).toMatchObject({ total: 1, pending: 0, completed: 1 });
    }
  });

  it("keeps an optimistic toggle steady through its echo and the API's answer", () => {
    const task = makeTask();
    const toggled = later(task, { completed: true });
    const states = [
      run(dashboard([task]), { type: "toggleStarted", task }),
      run(dashboard([task]), { type: "toggleStarted", task }, remote({ op: "upsert", task: toggled })),
      run(dashboard([task]), { type: "toggleStarted", task }, remote({ op: "upsert", task: toggled }), {
        type: "toggleSettled",
        task: toggled,
      }),
      run(
        dashboard([task]),
        { type: "toggleStarted", task },
        { type: "toggleSettled", task: toggled },
        remote({ op: "upsert", task: toggled }),
      ),
    ];
    for (const state of states) {
      expect(state.list.tasks[0]?.completed).toBe(true);
      expect(state.summary?.counts).toMatchObject({ total: 1, pending: 0, completed: 1 });
    }
  });

  it("does not let the API's answer undo a newer change that arrived first", () => {
    const task = makeTask();
    const mine = later(task, { title: "mine" }, 1);
    const theirs = later(task, { title: "theirs" }, 2);
    const state = run(dashboard([task]), remote({ op: "upsert", task: theirs }), { type: "updated", task: mine });
    expect(state.list.tasks).toEqual([theirs]);
  });

  it("removes a task deleted elsewhere once, and the echo of this tab's own delete changes nothing", () => {
    const [a, b] = [makeTask(), makeTask({ completed: true })] as [Task, Task];
    let state = run(dashboard([b, a]), remote({ op: "delete", ids: [a.id] }), remote({ op: "delete", ids: [a.id] }));
    expect(state.list.tasks).toEqual([b]);
    expect(state.summary?.counts).toMatchObject({ total: 1, pending: 0, completed: 1 });
    state = run(
      state,
      { type: "removeStarted", task: b },
      { type: "removeSettled", id: b.id },
      remote({ op: "delete", ids: [b.id] }),
    );
    expect(state.list.tasks).toEqual([]);
    expect(state.summary?.counts).toMatchObject({ total: 0, pending: 0, completed: 0 });
    expect(state.summaryStale).toBe(false);
    // A late upsert of a deleted task does not bring it back.
    expect(run(state, remote({ op: "upsert", task: later(b, {}) })).list.tasks).toEqual([]);
  });

  it("marks the counts stale when a task this page never loaded changes or goes", () => {
    const unseen = makeTask();
    const shown = makeTask();
    expect(run(dashboard([shown]), remote({ op: "upsert", task: later(unseen, { completed: true }) })).summaryStale).toBe(true);
    expect(run(dashboard([shown]), remote({ op: "delete", ids: [unseen.id] })).summaryStale).toBe(true);
    const reloaded = run(dashboard([shown]), remote({ op: "delete", ids: [unseen.id] }), {
      type: "summaryLoaded",
      counts: { ...NO_DUE_COUNTS, total: 1, pending: 1, completed: 0 },
    });
    expect(reloaded.summaryStale).toBe(false);
  });

  it("keeps a filtered list to its filter, and a paged list to the pages it has", () => {
    const pending = makeTask();
    const filtered = tasksReducer(initialTasksState({ status: "completed" }), {
      type: "adopted",
      first: { status: "completed", list: { ok: true, data: { tasks: [], next_cursor: null } }, summary: null },
    });
    expect(run(filtered, remote({ op: "upsert", task: makeTask() })).list.tasks).toEqual([]);
    const paged = tasksReducer(initialTasksState({ status: "all" }), {
      type: "adopted",
      first: { status: "all", list: { ok: true, data: { tasks: [makeTask()], next_cursor: "next" } }, summary: null },
    });
    // Older than everything loaded: it belongs to a page not fetched yet.
    const older = { ...pending, created_at: "2000-01-01T00:00:00.000Z", updated_at: "2000-01-01T00:00:00.000Z" };
    expect(run(paged, remote({ op: "upsert", task: older })).list.tasks).toHaveLength(1);
  });
});
