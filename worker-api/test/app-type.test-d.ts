/**
 * Type-level test of the API contract (checked by `tsc` in `npm test`, not run by vitest): Hono's
 * typed client over `AppType` knows each route's request and its JSON answers, per status.
 */
import { hc, type InferRequestType, type InferResponseType } from "hono/client";
import { expectTypeOf } from "vitest";
import type { AppType, ErrorBody, LabelJson, TaskJson } from "../src/app-type.ts";

const api = hc<AppType>("https://api.test");
const tasks = api.api[":userId"].tasks;
const task = tasks[":id"];
const labels = api.api[":userId"].labels;
const label = labels[":labelId"];
const taskLabel = task.labels[":labelId"];
type Priority = "none" | "low" | "medium" | "high" | "urgent";
type Due = { date: string } | { at: string } | null;

type TaskPage = { tasks: TaskJson[]; next_cursor: string | null };
type Summary = {
  total: number;
  pending: number;
  completed: number;
  overdue: number;
  due_today: number;
  due_week: number;
  by_priority: { none: number; low: number; medium: number; high: number; urgent: number };
};

// Requests: the path parameters, the query and the bodies come from the routes' validators.
expectTypeOf<InferRequestType<typeof tasks.$get>>().branded.toEqualTypeOf<{
  param: { userId: string };
  query: {
    status?: "all" | "pending" | "completed";
    sort?: "created" | "due" | "priority" | "position";
    order?: "asc" | "desc";
    label?: string | string[];
    priority?: string | string[];
    due?: "overdue" | "today" | "week" | "none";
    tz?: string;
    q?: string;
    limit?: string;
    cursor?: string;
  };
}>();
expectTypeOf<InferRequestType<typeof tasks.$post>["json"]>().branded.toEqualTypeOf<{
  title: string;
  description?: string | null;
  due?: { date: string } | { at: string } | null;
  priority?: Priority;
}>();
expectTypeOf<InferRequestType<typeof task.$put>>().branded.toEqualTypeOf<{
  param: { userId: string; id: string };
  json: {
    title?: string;
    description?: string | null;
    completed?: boolean;
    due?: { date: string } | { at: string } | null;
    priority?: Priority;
  };
}>();
expectTypeOf<InferRequestType<typeof taskLabel.$put>>().branded.toEqualTypeOf<{
  param: { userId: string; id: string; labelId: string };
}>();
expectTypeOf<InferRequestType<typeof labels.$post>["json"]>().branded.toEqualTypeOf<{
  name: string;
  color?: "gray" | "red" | "orange" | "yellow" | "green" | "teal" | "blue" | "purple" | "pink";
}>();
expectTypeOf<InferRequestType<typeof task.complete.$patch>>().toEqualTypeOf<{ param: { userId: string; id: string } }>();

// Responses, per status: the success shapes from the handlers, and the one error body everywhere.
expectTypeOf<InferResponseType<typeof tasks.$get, 200>>().toEqualTypeOf<TaskPage>();
expectTypeOf<InferResponseType<typeof tasks.$post, 201>>().toEqualTypeOf<TaskJson>();
expectTypeOf<InferResponseType<typeof tasks.summary.$get, 200>>().toEqualTypeOf<Summary>();
expectTypeOf<InferResponseType<typeof task.$get, 200>>().toEqualTypeOf<TaskJson>();
expectTypeOf<InferResponseType<typeof task.$put, 200>>().toEqualTypeOf<TaskJson>();
expectTypeOf<InferResponseType<typeof task.complete.$patch, 200>>().toEqualTypeOf<TaskJson>();
expectTypeOf<InferResponseType<typeof taskLabel.$put, 200>>().toEqualTypeOf<TaskJson>();
expectTypeOf<InferRequestType<typeof tasks.bulk.$post>["json"]>().branded.toEqualTypeOf<{
  action: "complete" | "reopen" | "delete" | "add_label" | "remove_label";
  ids: string[];
  label_id?: string;
}>();
expectTypeOf<InferResponseType<typeof tasks.bulk.$post, 200>>().toEqualTypeOf<{
  action: "complete" | "reopen" | "delete" | "add_label" | "remove_label";
  ids: string[];
  label_id?: string;
}>();
expectTypeOf<InferResponseType<typeof taskLabel.$delete, 200>>().toEqualTypeOf<TaskJson>();
expectTypeOf<TaskJson["due"]>().toEqualTypeOf<Due>();
expectTypeOf<TaskJson["priority"]>().toEqualTypeOf<Priority>();
expectTypeOf<InferResponseType<typeof labels.$get, 200>>().toEqualTypeOf<{ labels: LabelJson[] }>();
expectTypeOf<InferResponseType<typeof labels.$post, 201>>().toEqualTypeOf<LabelJson>();
expectTypeOf<InferResponseType<typeof labels.$post, 409>>().toEqualTypeOf<ErrorBody>();
expectTypeOf<InferResponseType<typeof label.$patch, 200>>().toEqualTypeOf<LabelJson>();
expectTypeOf<Extract<Awaited<ReturnType<typeof label.$delete>>, { status: 204 }>>().not.toBeNever();
// A 204 has no body: the client offers its status, nothing to parse.
expectTypeOf<Extract<Awaited<ReturnType<typeof task.$delete>>, { status: 204 }>>().not.toBeNever();
expectTypeOf<InferResponseType<typeof tasks.$get, 422>>().toEqualTypeOf<ErrorBody>();
expectTypeOf<InferResponseType<typeof task.$get, 404>>().toEqualTypeOf<ErrorBody>();
expectTypeOf<InferResponseType<typeof api.health.$get, 200>>().toEqualTypeOf<{ status: string }>();

// `ok` narrows a response to its success body.
export async function firstTitle(userId: string): Promise<string | undefined> {
  const response = await tasks.$get({ param: { userId }, query: { status: "pending" } });
  if (!response.ok) {
    expectTypeOf(await response.json()).toEqualTypeOf<ErrorBody>();
    return undefined;
  }
  expectTypeOf(await response.json()).toEqualTypeOf<TaskPage>();
  return (await response.json()).tasks[0]?.title;
}
