// A task created on this page, or arriving from another tab, goes where the list's sort puts it
// (web/lib/tasks/list-order.ts in the store), not on top whatever the sort; one that sorts past the
// loaded page waits for that page.
import { describe, expect, it } from "vitest";
import type { Task } from "@/lib/tasks/api";
import { DEFAULT_QUERY, type TaskQuery } from "@/lib/tasks/task-query";
import { initialTasksState, type TasksState, tasksReducer } from "@/lib/tasks/task-store";
import { makeTask } from "./fake-tasks-api.ts";

function listed(query: TaskQuery, tasks: Task[], nextCursor: string | null = null): TasksState {
  return tasksReducer(initialTasksState({ status: "all", query }), {
    type: "adopted",
    first: { status: "all", query, list: { ok: true, data: { tasks, next_cursor: nextCursor } }, summary: null },
  });
}

const titles = (state: TasksState) => state.list.tasks.map((task) => task.title);
const byDue = { ...DEFAULT_QUERY, sort: "due" as const, order: "asc" as const };
const soon = makeTask({ title: "soon", due: { date: "2027-01-02" } });
const later = makeTask({ title: "later", due: { date: "2027-03-04" } });

describe("a new task in a sorted list", () => {
  it("goes where the due date puts it, and a task without one after every dated task", () => {
    const state = listed(byDue, [soon, later]);
    const between = makeTask({ title: "between", due: { at: "2027-02-01T12:00:00.000Z" } });
    expect(titles(tasksReducer(state, { type: "created", task: between }))).toEqual(["soon", "between", "later"]);
    const undated = tasksReducer(state, { type: "created", task: makeTask({ title: "undated" }) });
    expect(titles(undated)).toEqual(["soon", "later", "undated"]);
    expect(undated.announcement).toBe("Added “undated”.");
  });

  it("waits for its page when it sorts after the loaded ones and more pages follow", () => {
    const state = tasksReducer(listed(byDue, [soon, later], "cursor"), { type: "created", task: makeTask({ title: "undated" }) });
    expect(titles(state)).toEqual(["soon", "later"]);
    expect(state.announcement).toBe("Added “undated”. In this order it comes after the tasks shown: Load more to see it.");
  });

  it("keeps the newest first under the default sort", () => {
    const state = listed(DEFAULT_QUERY, [later, soon].reverse());
    expect(titles(tasksReducer(state, { type: "created", task: makeTask({ title: "newest" }) }))[0]).toBe("newest");
  });

  it("places another tab's new task by the list's sort too", () => {
    const byPriority = { ...DEFAULT_QUERY, sort: "priority" as const, order: "desc" as const };
    const state = listed(byPriority, [
      makeTask({ title: "urgent", priority: "urgent" }),
      makeTask({ title: "low", priority: "low" }),
    ]);
    const elsewhere = makeTask({ title: "medium", priority: "medium" });
    const next = tasksReducer(state, { type: "remoteChanged", change: { op: "upsert", task: elsewhere } });
    expect(titles(next)).toEqual(["urgent", "medium", "low"]);
  });
});
