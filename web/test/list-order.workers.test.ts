// The browser's copy of the API's list order (web/lib/tasks/list-order.ts) against the real API
// worker: for every sort and direction, the API's page is the tasks sorted by compareInList. Ties
// (equal priorities, equal due dates, equal keys) and missing keys (no due date) included, so the
// nulls rule and the id tie-break are checked against Postgres's, not against themselves.
import { beforeAll, describe, expect, it } from "vitest";
import type { Task, TaskInput, TasksApi } from "../lib/tasks/api.ts";
import { compareInList } from "../lib/tasks/list-order.ts";
import { TASK_SORTS } from "../lib/tasks/task-query.ts";
import { newPersonsTasksApi } from "./workers-helpers.ts";

const INPUTS: TaskInput[] = [
  { title: "no due, none" },
  { title: "date, high", due: { date: "2027-03-01" }, priority: "high" },
  { title: "same date, high", due: { date: "2027-03-01" }, priority: "high" },
  { title: "instant that day", due: { at: "2027-03-01T09:30:00.000Z" }, priority: "low" },
  { title: "earlier instant", due: { at: "2027-02-28T23:59:00.000Z" }, priority: "urgent" },
  { title: "no due, urgent", priority: "urgent" },
  { title: "later date, medium", due: { date: "2027-04-15" }, priority: "medium" },
  { title: "no due, low", priority: "low" },
];

describe("the list's order in the browser", () => {
  let api: TasksApi;
  let all: Task[];

  beforeAll(async () => {
    api = await newPersonsTasksApi("Sorter");
    for (const input of INPUTS) await api.create(input);
    // Two tasks on one manual key: equal keys go by id.
    const [first, second] = (await api.list({ sort: "position", limit: "2" })).tasks;
    await api.move(second?.id ?? "", first?.position ?? "");
    all = (await api.list({ limit: "100" })).tasks;
    expect(all).toHaveLength(INPUTS.length);
  });

  for (const sort of TASK_SORTS) {
    for (const order of ["asc", "desc"] as const) {
      it(`sort=${sort}&order=${order}`, async () => {
        const page = (await api.list({ sort, order, limit: "100" })).tasks.map((task) => task.title);
        const sorted = [...all].sort((a, b) => compareInList(a, b, sort, order)).map((task) => task.title);
        expect(sorted).toEqual(page);
      });
    }
  }
});
