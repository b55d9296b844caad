// Bulk actions and Undo in the tasks store's reducer (task-store.ts with bulk-change.ts): a bulk
// action changes the tasks it names once, however often it arrives (its own echo); a restore puts
// the tasks back where they stood, lets them in again after their deletion was seen, and a newer
// offer of Undo is not dismissed by an older notice. (A .tsx file: the web project's happy-dom
// tests; this one renders nothing.)
import { describe, expect, it } from "vitest";
import type { Task } from "@/lib/tasks/api";
import { completedOffer, deletedOffer } from "@/lib/tasks/bulk-actions";
import { initialTasksState, type TasksAction, type TasksState, tasksReducer } from "@/lib/tasks/task-store";
import { makeTask } from "./fake-tasks-api.ts";

function page(tasks: Task[]): TasksState {
  return tasksReducer(initialTasksState({ status: "all" }), {
    type: "adopted",
    first: { status: "all", list: { ok: true, data: { tasks, next_cursor: null } }, summary: null },
  });
}
const run = (state: TasksState, ...actions: TasksAction[]) => actions.reduce(tasksReducer, state);
const remote = (change: Extract<TasksAction, { type: "remoteChanged" }>["change"]): TasksAction => ({
  type: "remoteChanged",
  change,
});

describe("bulk actions and undo in the store", () => {
  it("completes, reopens and labels the tasks named, once, and keeps an earlier completion time", () => {
    const done = makeTask({ completed: true, completed_at: "2026-01-01T00:00:00.000Z" });
    const [a, b] = [makeTask(), makeTask()];
    const ids = [a.id, b.id, done.id];
    let state = run(page([a, b, done]), remote({ op: "complete", ids }), remote({ op: "complete", ids }));
    expect(state.list.tasks.map((task) => task.completed)).toEqual([true, true, true]);
    expect(state.list.tasks[2]?.completed_at).toBe("2026-01-01T00:00:00.000Z");
    state = run(
      state,
      remote({ op: "add_label", ids: [a.id], label_id: "l2" }),
      remote({ op: "add_label", ids, label_id: "l1" }),
    );
    expect(state.list.tasks.map((task) => task.label_ids)).toEqual([["l1", "l2"], ["l1"], ["l1"]]);
    state = run(state, remote({ op: "remove_label", ids, label_id: "l1" }), remote({ op: "reopen", ids: [a.id] }));
    expect(state.list.tasks.map((task) => [task.completed, task.completed_at === null, task.label_ids])).toEqual([
      [false, true, ["l2"]],
      [true, false, []],
      [true, false, []],
    ]);
  });

  it("a restore puts deleted tasks back where they stood, after their deletion and its echo", () => {
    const [a, b, c, d] = [makeTask(), makeTask(), makeTask(), makeTask()];
    const deleted = [
      { task: b, index: 1 },
      { task: d, index: 3 },
    ];
    let state = run(page([a, b, c, d]), remote({ op: "delete", ids: [b.id, d.id] }), remote({ op: "delete", ids: [b.id, d.id] }));
    expect(state.list.tasks.map((task) => task.id)).toEqual([a.id, c.id]);
    state = run(state, { type: "restored", placed: deleted, announcement: "Restored 2 tasks." });
    expect(state.list.tasks.map((task) => task.id)).toEqual([a.id, b.id, c.id, d.id]);
    expect(state.announcement).toBe("Restored 2 tasks.");
    // Its live echo changes nothing more.
    state = run(state, remote({ op: "restore", tasks: [b, d] }));
    expect(state.list.tasks.map((task) => task.id)).toEqual([a.id, b.id, c.id, d.id]);
  });

  it("a restore made in another tab lets the tasks in again, though this tab saw them deleted", () => {
    const [a, b] = [makeTask(), makeTask()];
    const state = run(page([b, a]), remote({ op: "delete", ids: [a.id] }), remote({ op: "restore", tasks: [a] }));
    expect(state.list.tasks.map((task) => task.id)).toEqual([b.id, a.id]);
  });

  it("offers undo; a notice dismisses only its own offer", () => {
    const [a, b] = [makeTask({ title: "Write" }), makeTask()];
    const first = completedOffer([a]);
    const second = deletedOffer([
      { task: a, index: 0 },
      { task: b, index: 1 },
    ]);
    expect(first.message).toBe("Completed “Write”.");
    expect(second.message).toBe("Deleted 2 tasks.");
    let state = run(page([a, b]), { type: "undoOffered", offer: first }, { type: "undoOffered", offer: second });
    state = run(state, { type: "undoDismissed", offer: first });
    expect(state.undo).toBe(second);
    expect(run(state, { type: "undoDismissed", offer: second }).undo).toBeNull();
  });
});
