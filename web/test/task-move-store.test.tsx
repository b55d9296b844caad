// A move in the tasks store's reducer: shown at its new place at once, put back with a message when
// the API refuses, and a move made in another tab placed by its key in a list in manual order
// (left where it is in any other sort). (A .tsx file: the web project's happy-dom tests.)
import { describe, expect, it } from "vitest";
import type { Task } from "@/lib/tasks/api";
import { DEFAULT_QUERY } from "@/lib/tasks/task-query";
import { initialTasksState, type TasksState, tasksReducer } from "@/lib/tasks/task-store";
import { makeTask } from "./fake-tasks-api.ts";

function listOf(tasks: Task[], sort: "position" | "created"): TasksState {
  const query = { ...DEFAULT_QUERY, sort, order: sort === "position" ? ("asc" as const) : ("desc" as const) };
  return tasksReducer(initialTasksState({ status: "all", query }), {
    type: "adopted",
    first: { status: "all", query, list: { ok: true, data: { tasks, next_cursor: null } }, summary: null },
  });
}

const titles = (state: TasksState) => state.list.tasks.map((task) => task.title);
const [a, b, c] = [
  makeTask({ title: "a", position: "a0" }),
  makeTask({ title: "b", position: "a1" }),
  makeTask({ title: "c", position: "a2" }),
];

describe("a move", () => {
  it("shows the task at its new key at once, and puts it back with a message when refused", () => {
    const moved = tasksReducer(listOf([a, b, c], "position"), { type: "placed", task: { ...c, position: "a0V" } });
    expect(titles(moved)).toEqual(["a", "c", "b"]);
    const refused = tasksReducer(moved, { type: "placed", task: c, notice: "Could not move the task. Offline." });
    expect(titles(refused)).toEqual(["a", "b", "c"]);
    expect(refused.notices[c.id]?.message).toBe("Could not move the task. Offline.");
    expect(refused.announcement).toBe("Could not move the task. Offline.");
  });

  it("from another tab goes to its new place in manual order, and stays put in another sort", () => {
    const change = {
      op: "upsert" as const,
      task: { ...a, position: "a3", updated_at: new Date(Date.now() + 1000).toISOString() },
    };
    const manual = tasksReducer(listOf([a, b, c], "position"), { type: "remoteChanged", change });
    expect(titles(manual)).toEqual(["b", "c", "a"]);
    const byCreation = tasksReducer(listOf([c, b, a], "created"), { type: "remoteChanged", change });
    expect(titles(byCreation)).toEqual(["c", "b", "a"]);
    expect(byCreation.list.tasks[2]?.position).toBe("a3");
  });
});
