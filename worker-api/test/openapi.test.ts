// /openapi.json is the API as it is: every route the app registers is in it, and for each
// operation the statuses it documents are exactly those the tests below make it answer (no
// status the API can give is missing, and none is documented that it cannot give).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../src/index.ts";
import { sendWhileKeyIsHeld } from "./held-idempotency-key.ts";
import { call, createUser, json, setJwksState, signToken, testEnv, withDatabaseDown } from "./helpers.ts";
import { livePath, upgradeHeaders } from "./live-helpers.ts";

type Operation = { operationId: string; responses: Record<string, unknown>; requestBody?: unknown; parameters?: unknown[] };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> };

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
/** Hono's `/api/:userId/tasks/:id` is OpenAPI's `/api/{userId}/tasks/{id}`. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

describe("GET /openapi.json", () => {
  const api = testEnv();
  let document: Document;

  beforeAll(async () => {
    const response = await call(api, "/openapi.json");
    expect(response.status).toBe(200);
    document = await json<Document>(response);
  });

  it("is OpenAPI 3.1 with every route the app registers", () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    // All but the document itself, which hono-openapi leaves out.
    const routes = app.routes.filter((route) => METHODS.includes(route.method) && route.path !== "/openapi.json");
    const unique = [...new Set(routes.map((route) => `${route.method} ${route.path}`))];
    expect(unique.length).toBe(20);
    for (const route of unique) {
      const [method = "", path = ""] = route.split(" ");
      expect(document.paths[openApiPath(path)]?.[method.toLowerCase()], route).toBeDefined();
    }
  });

  it("describes requests from the same valibot schemas the routes validate with", () => {
    const create = document.paths["/api/{userId}/tasks"]?.post;
    expect(JSON.stringify(create?.requestBody)).toContain('"maxLength":200');
    const list = document.paths["/api/{userId}/tasks"]?.get;
    expect(JSON.stringify(list?.parameters)).toContain('"enum":["all","pending","completed"]');
    for (const parameter of ["sort", "label", "priority", "due", "tz", "q"]) {
      expect(JSON.stringify(list?.parameters), parameter).toContain(`"name":"${parameter}"`);
    }
    expect(JSON.stringify(create?.requestBody)).toContain('"urgent"');
    expect(JSON.stringify(document.paths["/api/{userId}/labels"]?.post?.requestBody)).toContain('"maxLength":40');
  });

  describe("documents exactly the statuses each operation answers", () => {
    let userId: string;
    let token: string;
    let taskId: string;
    let labelId: string;
    const observed = new Map<string, Set<number>>();

    /** Records a status under the operation that answered it. */
    function observe(operation: string, status: number) {
      const statuses = observed.get(operation) ?? new Set();
      statuses.add(status);
      observed.set(operation, statuses);
    }

    /** Sends a request and records its status under the operation it reached. */
    async function provoke(operation: string, path: string, init: RequestInit & { token?: string | undefined } = {}, env = api) {
      const response = await call(env, path, { token, ...init });
      observe(operation, response.status);
      return response;
    }

    beforeAll(async () => {
      userId = await createUser(api);
      token = await signToken(userId);
      const created = await call(api, `/api/${userId}/tasks`, { token, method: "POST", body: JSON.stringify({ title: "t" }) });
      taskId = (await json<{ id: string }>(created)).id;
      const label = await call(api, `/api/${userId}/labels`, { token, method: "POST", body: JSON.stringify({ name: "taken" }) });
      labelId = (await json<{ id: string }>(label)).id;
    });

    it("answers each of them", async () => {
      const tasks = `/api/${userId}/tasks`;
      const task = `${tasks}/${taskId}`;
      const labels = `/api/${userId}/labels`;
      const missing = `${tasks}/${crypto.randomUUID()}`;
      const other = `/api/${crypto.randomUUID()}/tasks`;
      const big = JSON.stringify({ title: "x".repeat(70 * 1024) });
      const text = { "Content-Type": "text/plain" };
      // The database out of reach, and a JWKS origin that is down.
      const noDatabase = withDatabaseDown(api);
      const noKeys = testEnv();
      await setJwksState(noKeys.jwksSet, { down: true });

      await provoke("health", "/health");
      await provoke("ready", "/ready");
      await provoke("ready", "/ready", {}, noDatabase);

      const body = (value: unknown) => ({ body: JSON.stringify(value) });
      const routes: [string, string, string, RequestInit][] = [
        ["listTasks", "GET", tasks, {}],
        ["createTask", "POST", tasks, body({ title: "new" })],
        ["summarizeTasks", "GET", `${tasks}/summary`, {}],
        ["exportTasks", "GET", `${tasks}/export?format=csv`, {}],
        ["getTask", "GET", task, {}],
        ["updateTask", "PUT", task, body({ title: "renamed" })],
        ["toggleTask", "PATCH", `${task}/complete`, {}],
        ["moveTask", "PATCH", `${task}/position`, body({ position: "a0V" })],
        ["attachLabel", "PUT", `${task}/labels/${labelId}`, {}],
        ["detachLabel", "DELETE", `${task}/labels/${labelId}`, {}],
        ["bulkTasks", "POST", `${tasks}/bulk`, body({ action: "complete", ids: [taskId] })],
        // Not deleted (yet): 404; the restore that succeeds follows the task's delete below.
        ["restoreTasks", "POST", `${tasks}/restore`, body({ ids: [taskId] })],
        ["listLabels", "GET", labels, {}],
        ["createLabel", "POST", labels, body({ name: "new" })],
        ["updateLabel", "PATCH", `${labels}/${labelId}`, body({ color: "red" })],
      ];
      for (const [operation, method, path, init] of routes) {
        await provoke(operation, path, { method, ...init });
        await provoke(operation, path, { method, ...init, token: undefined });
        await provoke(operation, path.replace(`/api/${userId}/`, `/api/${crypto.randomUUID()}/`), { method, ...init });
        await provoke(operation, path, { method, ...init }, noDatabase);
        await provoke(operation, path, { method, ...init, token: await signToken(userId) }, noKeys);
        if (method !== "GET") await provoke(operation, path, { method, body: big });
        if (path.startsWith(task)) await provoke(operation, path.replace(task, missing), { method, ...init });
        if (path.includes(labelId)) await provoke(operation, path.replace(labelId, crypto.randomUUID()), { method, ...init });
      }
      await provoke("listTasks", `${tasks}?limit=0`);
      await provoke("exportTasks", `${tasks}/export?format=xlsx`);
      await provoke("listTasks", `${tasks}?label=${crypto.randomUUID()}`);
      await provoke("summarizeTasks", `${tasks}/summary?tz=Mars%2FOlympus`);
      await provoke("createLabel", labels, { method: "POST", body: '{"name":"TAKEN"}' });
      await provoke("bulkTasks", `${tasks}/bulk`, {
        method: "POST",
        body: JSON.stringify({ action: "reopen", ids: [crypto.randomUUID()] }),
      });
      await provoke("updateLabel", `${labels}/${labelId}`, { method: "PATCH", body: '{"name":"new"}' });
      for (const [operation, method, path] of [
        ["bulkTasks", "POST", `${tasks}/bulk`],
        ["restoreTasks", "POST", `${tasks}/restore`],
        ["createLabel", "POST", labels],
        ["updateLabel", "PATCH", `${labels}/${labelId}`],
      ] as const) {
        await provoke(operation, path, { method, body: "{" });
        await provoke(operation, path, { method, body: "{}" });
        await provoke(operation, path, { method, body: '{"name":"t"}', headers: text });
      }
      const doomed = `${labels}/${labelId}`;
      await provoke("deleteLabel", `${labels}/${crypto.randomUUID()}`, { method: "DELETE" });
      await provoke("deleteLabel", doomed, { method: "DELETE", token: undefined });
      await provoke("deleteLabel", doomed.replace(`/api/${userId}/`, `/api/${crypto.randomUUID()}/`), { method: "DELETE" });
      await provoke("deleteLabel", doomed, { method: "DELETE" }, noDatabase);
      await provoke("deleteLabel", doomed, { method: "DELETE", token: await signToken(userId) }, noKeys);
      await provoke("deleteLabel", doomed, { method: "DELETE", body: big });
      await provoke("deleteLabel", doomed, { method: "DELETE" });
      for (const [operation, method, path] of [
        ["createTask", "POST", tasks],
        ["updateTask", "PUT", task],
        ["moveTask", "PATCH", `${task}/position`],
      ] as const) {
        await provoke(operation, path, { method, body: "{" });
        await provoke(operation, path, { method, body: "{}" });
        await provoke(operation, path, { method, body: '{"title":"t"}', headers: text });
      }
      const key = { "Idempotency-Key": crypto.randomUUID() };
      await provoke("createTask", tasks, { method: "POST", body: '{"title":"t"}', headers: { "Idempotency-Key": "short" } });
      await provoke("createTask", tasks, { method: "POST", body: '{"title":"t"}', headers: key });
      await provoke("createTask", tasks, { method: "POST", body: '{"title":"other"}', headers: key });
      if (env.TEST_ROLES_ENFORCED) {
        const held = crypto.randomUUID();
        const send = () =>
          call(api, tasks, { token, method: "POST", body: '{"title":"t"}', headers: { "Idempotency-Key": held } });
        observe("createTask", (await sendWhileKeyIsHeld(api, userId, held, send)).status);
      } else {
        // PGlite runs one statement at a time: no request there ever waits on another's key, so
        // the 409 that Postgres answers then (the branch above, in CI) cannot be provoked here.
        observe("createTask", 409);
      }
      await provoke("deleteTask", missing, { method: "DELETE" });
      await provoke("deleteTask", task, { method: "DELETE", token: undefined });
      await provoke("deleteTask", task.replace(tasks, other), { method: "DELETE" });
      await provoke("deleteTask", task, { method: "DELETE" }, noDatabase);
      await provoke("deleteTask", task, { method: "DELETE", token: await signToken(userId) }, noKeys);
      await provoke("deleteTask", task, { method: "DELETE", body: big });
      await provoke("deleteTask", task, { method: "DELETE" });
      await provoke("restoreTasks", `${tasks}/restore`, { method: "POST", body: JSON.stringify({ ids: [taskId] }) });

      const live = (token: string | undefined, extra: Record<string, string> = {}) => ({ headers: upgradeHeaders(token, extra) });
      const liveToken = await signToken(userId);
      (await provoke("liveUpdates", livePath(userId), { ...live(liveToken), token: undefined })).webSocket?.accept();
      await provoke("liveUpdates", livePath(userId), { ...live(undefined), token: undefined });
      await provoke("liveUpdates", livePath(crypto.randomUUID()), { ...live(liveToken), token: undefined });
      await provoke("liveUpdates", livePath(userId), { ...live(liveToken, { Upgrade: "" }), token: undefined });
      await provoke("liveUpdates", livePath(userId), {
        ...live(liveToken, { "Sec-WebSocket-Protocol": `bearer.${liveToken}` }),
        token: undefined,
      });
      await provoke("liveUpdates", livePath(userId), { ...live(liveToken), token: undefined }, noDatabase);

      const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
      expect(operations.map((operation) => operation.operationId).sort()).toEqual([...observed.keys()].sort());
      for (const operation of operations) {
        const documented = Object.keys(operation.responses).map(Number).sort();
        expect(documented, operation.operationId).toEqual([...(observed.get(operation.operationId) ?? [])].sort());
      }
    });
  });

  it("names the answers of paths and methods it does not list (404 and 405)", () => {
    expect(Object.keys((document.components.responses ?? {}) as object).sort()).toEqual(["MethodNotAllowed", "NotFound"]);
  });
});
