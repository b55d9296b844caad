// The label routes, and labels on tasks: create, list, rename and recolour, delete (the tasks
// lose it), attach and detach (idempotent); a name is unique per person whatever its case (409);
// and the cross-person matrix: another person's label or task, in any of these routes, is a 404
// like one that does not exist, and nothing of theirs changes.
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { labels, taskLabels } from "../../drizzle/index.ts";
import { LABEL_NAME_MAX } from "../../drizzle/limits.ts";
import type { LabelJson } from "../src/lib/label-json.ts";
import type { TaskJson } from "../src/lib/task-json.ts";
import { call, createUser, dbFor, json, signToken, testEnv } from "./helpers.ts";

describe.each(["http", "ws"] as const)("label routes over Neon's %s transport", (transport) => {
  const api = testEnv({ DB_TRANSPORT: transport });
  let userId: string;
  let token: string;
  const send = (path: string, method = "GET", body?: unknown) =>
    call(api, `/api/${userId}${path}`, { token, method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const createLabel = async (body: unknown) => {
    const response = await send("/labels", "POST", body);
    expect(response.status).toBe(201);
    return json<LabelJson>(response);
  };
  const createTask = async (title: string) => json<TaskJson>(await send("/tasks", "POST", { title }));

  beforeAll(async () => {
    userId = await createUser(api);
    token = await signToken(userId);
  });

  it("creates (trimmed, grey by default, Location), lists by name, renames and recolours", async () => {
    const created = await send("/labels", "POST", { name: "  Work " });
    expect(created.status).toBe(201);
    const work = await json<LabelJson>(created);
    expect(work).toMatchObject({ name: "Work", color: "gray" });
    expect(created.headers.get("Location")).toBe(`/api/${userId}/labels/${work.id}`);
    await createLabel({ name: "errands", color: "teal" });

    const renamed = await send(`/labels/${work.id}`, "PATCH", { name: "Job", color: "red" });
    expect(renamed.status).toBe(200);
    expect(await json(renamed)).toMatchObject({ id: work.id, name: "Job", color: "red" });
    // A change of case alone is the same label's.
    expect((await send(`/labels/${work.id}`, "PATCH", { name: "JOB" })).status).toBe(200);

    const list = await json<{ labels: LabelJson[] }>(await send("/labels"));
    expect(list.labels.map((label) => [label.name, label.color])).toEqual([
      ["errands", "teal"],
      ["JOB", "red"],
    ]);
  });

  it("answers 409 label_name_taken for a name the person already has, whatever its case, and stores nothing", async () => {
    const first = await createLabel({ name: "Groceries" });
    const other = await createLabel({ name: "Other" });
    for (const name of ["groceries", "GROCERIES", " Groceries "]) {
      const response = await send("/labels", "POST", { name });
      expect(response.status, name).toBe(409);
      expect(await json(response)).toEqual({
        code: "label_name_taken",
        message: "You already have a label with this name (names ignore case).",
      });
    }
    const rename = await send(`/labels/${other.id}`, "PATCH", { name: "gRoCeRiEs" });
    expect(rename.status).toBe(409);
    const rows = await dbFor(api).db.select().from(labels).where(eq(labels.userId, userId));
    expect(rows.filter((row) => row.name.toLowerCase() === "groceries").map((row) => row.id)).toEqual([first.id]);
    expect(rows.find((row) => row.id === other.id)?.name).toBe("Other");
    // Another person may use the same name.
    const someone = await createUser(api);
    const theirs = await call(api, `/api/${someone}/labels`, {
      token: await signToken(someone),
      method: "POST",
      body: JSON.stringify({ name: "groceries" }),
    });
    expect(theirs.status).toBe(201);
  });

  it("refuses bad names and colours as a class (422, never 5xx), and stores none of them", async () => {
    const before = (await json<{ labels: LabelJson[] }>(await send("/labels"))).labels.length;
    const bad = fc.oneof(
      fc.record({ name: fc.constantFrom("", "   ", "x".repeat(LABEL_NAME_MAX + 1), "a\nb", "tab\there", "\u0000") }),
      fc.record({
        name: fc.constant("ok name"),
        color: fc
          .string()
          .filter((c) => !["gray", "red", "orange", "yellow", "green", "teal", "blue", "purple", "pink"].includes(c)),
      }),
      fc.record({ name: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())) }),
      // JSON values only: `undefined` would vanish from the body, leaving a valid request.
      fc.record({ name: fc.constant("ok"), extra: fc.jsonValue() }),
      fc.constant({}),
    );
    await fc.assert(
      fc.asyncProperty(bad, async (body) => {
        const response = await send("/labels", "POST", body);
        expect(response.status, JSON.stringify(body)).toBe(422);
        expect((await json(response)).code).toBe("validation_failed");
      }),
      { numRuns: transport === "http" ? 60 : 20 },
    );
    expect((await json<{ labels: LabelJson[] }>(await send("/labels"))).labels.length).toBe(before);
  });

  it("attaches and detaches a label on a task, idempotently, answering the task", async () => {
    const label = await createLabel({ name: "Urgent stuff", color: "orange" });
    const second = await createLabel({ name: "Later" });
    const task = await createTask("labelled");
    const attached = await send(`/tasks/${task.id}/labels/${label.id}`, "PUT");
    expect(attached.status).toBe(200);
    const withOne = await json<TaskJson>(attached);
    expect(withOne.label_ids).toEqual([label.id]);
    expect(withOne.updated_at > task.updated_at || withOne.updated_at === task.updated_at).toBe(true);
    expect((await json<TaskJson>(await send(`/tasks/${task.id}/labels/${label.id}`, "PUT"))).label_ids).toEqual([label.id]);
    const withTwo = await json<TaskJson>(await send(`/tasks/${task.id}/labels/${second.id}`, "PUT"));
    expect(withTwo.label_ids).toEqual([label.id, second.id].sort());
    expect((await json<TaskJson>(await send(`/tasks/${task.id}`))).label_ids).toEqual([label.id, second.id].sort());

    const detached = await send(`/tasks/${task.id}/labels/${label.id}`, "DELETE");
    expect(detached.status).toBe(200);
    expect((await json<TaskJson>(detached)).label_ids).toEqual([second.id]);
    expect((await json<TaskJson>(await send(`/tasks/${task.id}/labels/${label.id}`, "DELETE"))).label_ids).toEqual([second.id]);
  });

  it("deletes a label (204), which the tasks that carried it lose; a second delete is a 404", async () => {
    const label = await createLabel({ name: "Temporary" });
    const task = await createTask("carries a label");
    await send(`/tasks/${task.id}/labels/${label.id}`, "PUT");
    expect((await send(`/labels/${label.id}`, "DELETE")).status).toBe(204);
    expect((await json<TaskJson>(await send(`/tasks/${task.id}`))).label_ids).toEqual([]);
    expect(await dbFor(api).db.select().from(taskLabels).where(eq(taskLabels.labelId, label.id))).toEqual([]);
    const again = await send(`/labels/${label.id}`, "DELETE");
    expect(again.status).toBe(404);
    expect(await json(again)).toEqual({ code: "label_not_found", message: "No such label." });
  });

  it("answers 404 for malformed label ids, and 405 with Allow for other methods", async () => {
    for (const [method, path] of [
      ["PATCH", "/labels/not-a-uuid"],
      ["DELETE", "/labels/123"],
      ["PUT", `/tasks/${crypto.randomUUID()}/labels/nope`],
    ] as const) {
      const response = await send(path, method, method === "PATCH" ? { name: "x" } : undefined);
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    const put = await send(`/labels/${crypto.randomUUID()}`, "PUT", { name: "x" });
    expect(put.status).toBe(405);
    expect(put.headers.get("Allow")).toBe("PATCH, DELETE, OPTIONS");
  });
});

describe("labels across people: another person's label or task is a 404, and nothing of theirs changes", () => {
  const api = testEnv();

  it("holds for every route and every pairing of mine and theirs", async () => {
    const me = await createUser(api);
    const them = await createUser(api);
    const myToken = await signToken(me);
    const theirToken = await signToken(them);
    const make = async (userId: string, token: string) => {
      const label = await json<LabelJson>(
        await call(api, `/api/${userId}/labels`, { token, method: "POST", body: JSON.stringify({ name: `of ${userId}` }) }),
      );
      const task = await json<TaskJson>(
        await call(api, `/api/${userId}/tasks`, { token, method: "POST", body: JSON.stringify({ title: `of ${userId}` }) }),
      );
      await call(api, `/api/${userId}/tasks/${task.id}/labels/${label.id}`, { token, method: "PUT" });
      return { label: label.id, task: task.id };
    };
    const mine = await make(me, myToken);
    const theirs = await make(them, theirToken);
    const missing = { label: crypto.randomUUID(), task: crypto.randomUUID() };
    const snapshot = async () => ({
      labels: await dbFor(api).db.select().from(labels).where(eq(labels.userId, them)),
      links: await dbFor(api).db.select().from(taskLabels).where(eq(taskLabels.taskId, theirs.task)),
    });
    const before = await snapshot();

    const cases: [string, string, unknown, string][] = [];
    for (const [whose, ids] of [
      ["theirs", theirs],
      ["missing", missing],
    ] as const) {
      cases.push(
        [`PATCH ${whose} label`, `/labels/${ids.label}`, { name: "taken over", color: "red" }, "label_not_found"],
        [`DELETE ${whose} label`, `/labels/${ids.label}`, undefined, "label_not_found"],
        [`PUT ${whose} label on my task`, `/tasks/${mine.task}/labels/${ids.label}`, undefined, "label_not_found"],
        [`DELETE ${whose} label from my task`, `/tasks/${mine.task}/labels/${ids.label}`, undefined, "label_not_found"],
        [`PUT my label on ${whose} task`, `/tasks/${ids.task}/labels/${mine.label}`, undefined, "task_not_found"],
        [`DELETE my label from ${whose} task`, `/tasks/${ids.task}/labels/${mine.label}`, undefined, "task_not_found"],
        [`PUT ${whose} label on ${whose} task`, `/tasks/${ids.task}/labels/${ids.label}`, undefined, "task_not_found"],
        [`DELETE ${whose} label from ${whose} task`, `/tasks/${ids.task}/labels/${ids.label}`, undefined, "task_not_found"],
      );
    }
    const answers: Record<string, unknown> = {};
    for (const [name, path, body, code] of cases) {
      const method = name.split(" ")[0] as string;
      const response = await call(api, `/api/${me}${path}`, {
        token: myToken,
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(response.status, name).toBe(404);
      const answer = await json(response);
      expect(answer, name).toMatchObject({ code });
      // Theirs and missing answer byte for byte alike.
      const key = name.replace(/theirs|missing/g, "X");
      if (key in answers) expect(answer, name).toEqual(answers[key]);
      answers[key] = answer;
    }
    // Their label is not mine to list, and my page does not carry it.
    const listed = await json<{ labels: LabelJson[] }>(await call(api, `/api/${me}/labels`, { token: myToken }));
    expect(listed.labels.map((label) => label.id)).toEqual([mine.label]);
    expect(await snapshot()).toEqual(before);
    // My task still carries only my label.
    const task = await json<TaskJson>(await call(api, `/api/${me}/tasks/${mine.task}`, { token: myToken }));
    expect(task.label_ids).toEqual([mine.label]);
  });

  it("a token of one person cannot reach another's label routes at all (403)", async () => {
    const me = await createUser(api);
    const them = await createUser(api);
    const token = await signToken(me);
    for (const [method, path] of [
      ["GET", `/api/${them}/labels`],
      ["POST", `/api/${them}/labels`],
      ["PATCH", `/api/${them}/labels/${crypto.randomUUID()}`],
      ["DELETE", `/api/${them}/labels/${crypto.randomUUID()}`],
    ] as const) {
      const response = await call(api, path, {
        token,
        method,
        ...(method === "POST" || method === "PATCH" ? { body: '{"name":"x"}' } : {}),
      });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
  });
});
