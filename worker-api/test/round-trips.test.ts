// Every task and label route answers in one database round trip, the live-session check included,
// whatever it answers: a success, a 404 for someone else's label or task, a 409 for a name taken.
// Counted at the local Neon endpoint, over HTTP (each request there is one round trip).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createUser, json, signToken, testEnv } from "./helpers.ts";

const databaseRequests = async () =>
  ((await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number }).httpRequests;

describe("one database round trip per route", () => {
  const api = testEnv({ DB_TRANSPORT: "http" });

  it("for every task and label route, and each of its answers", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    const other = await createUser(api);
    const send = (method: string, path: string, body?: unknown) =>
      call(api, `/api/${userId}${path}`, { token, method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const task = await json<{ id: string }>(await send("POST", "/tasks", { title: "counted" }));
    const label = await json<{ id: string }>(await send("POST", "/labels", { name: "counted" }));
    const theirLabel = await json<{ id: string }>(
      await call(api, `/api/${other}/labels`, { token: await signToken(other), method: "POST", body: '{"name":"theirs"}' }),
    );
    const cases: [string, string, unknown, number][] = [
      ["POST", "/tasks", { title: "t", due: { at: "2026-05-01T10:00:00Z" }, priority: "urgent" }, 201],
      ["GET", "/tasks", undefined, 200],
      [
        "GET",
        `/tasks?label=${label.id}&priority=urgent&priority=none&due=overdue&tz=Asia%2FTokyo&q=count&sort=priority`,
        undefined,
        200,
      ],
      ["GET", `/tasks?label=${theirLabel.id}`, undefined, 404],
      ["GET", "/tasks?sort=position&order=desc&limit=1", undefined, 200],
      ["PUT", `/tasks/${task.id}`, { completed: true, due: { date: "2026-05-02" } }, 200],
      ["PATCH", `/tasks/${task.id}/complete`, undefined, 200],
      ["PATCH", `/tasks/${task.id}/position`, { position: "a0V" }, 200],
      ["PATCH", `/tasks/${crypto.randomUUID()}/position`, { position: "a0V" }, 404],
      ["PUT", `/tasks/${task.id}/labels/${label.id}`, undefined, 200],
      ["PUT", `/tasks/${task.id}/labels/${theirLabel.id}`, undefined, 404],
      ["PUT", `/tasks/${crypto.randomUUID()}/labels/${label.id}`, undefined, 404],
      ["DELETE", `/tasks/${task.id}/labels/${label.id}`, undefined, 200],
      ["POST", "/tasks/bulk", { action: "add_label", ids: [task.id], label_id: label.id }, 200],
      ["POST", "/tasks/bulk", { action: "reopen", ids: [task.id, crypto.randomUUID()] }, 404],
      ["GET", "/labels", undefined, 200],
      ["POST", "/labels", { name: "second" }, 201],
      ["POST", "/labels", { name: "SECOND" }, 409],
      ["PATCH", `/labels/${label.id}`, { name: "Second" }, 409],
      ["PATCH", `/labels/${label.id}`, { color: "purple" }, 200],
      ["PATCH", `/labels/${theirLabel.id}`, { color: "purple" }, 404],
      ["DELETE", `/labels/${theirLabel.id}`, undefined, 404],
      ["DELETE", `/labels/${label.id}`, undefined, 204],
      ["DELETE", `/tasks/${task.id}`, undefined, 204],
      ["POST", "/tasks/restore", { ids: [task.id] }, 200],
      ["POST", "/tasks/restore", { ids: [task.id] }, 404],
    ];
    for (const [method, path, body, status] of cases) {
      const before = await databaseRequests();
      const response = await send(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(status);
      expect((await databaseRequests()) - before, `${method} ${path}`).toBe(1);
    }
  });
});
