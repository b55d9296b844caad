import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { TaskJson } from "../src/lib/task-json.ts";
import { call, createUser, json, signToken, testEnv } from "./helpers.ts";

type Page = { tasks: TaskJson[]; next_cursor: string | null };

describe.each(["http", "ws"] as const)("task routes over Neon's %s transport", (transport) => {
  const api = testEnv({ DB_TRANSPORT: transport });
  let userId: string;
  let token: string;
  const path = (suffix = "") => `/api/${userId}/tasks${suffix}`;
  const send = (suffix: string, init: RequestInit = {}) => call(api, path(suffix), { token, ...init });
  const create = async (body: unknown) => json<TaskJson>(await send("", { method: "POST", body: JSON.stringify(body) }));

  beforeAll(async () => {
    userId = await createUser(api);
    token = await signToken(userId);
  });

  describe("POST /api/:userId/tasks", () => {
    it("creates a task (201, Location, trimmed fields, defaults)", async () => {
      const response = await send("", {
        method: "POST",
        body: JSON.stringify({ title: "  Buy milk ", description: "2 litres" }),
      });
      expect(response.status).toBe(201);
      const task = await json<TaskJson>(response);
      expect(task).toMatchObject({ user_id: userId, title: "Buy milk", description: "2 litres", completed: false });
      expect(task.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(task.created_at).toISOString()).toBe(task.created_at);
      expect(response.headers.get("Location")).toBe(path(`/${task.id}`));
    });

    it("answers 422 with per-field details for invalid input, and stores nothing", async () => {
      const before = await json<Page>(await send("?limit=100"));
      const response = await send("", {
        method: "POST",
        body: JSON.stringify({ title: "   ", description: "x".repeat(2001), owner: "me" }),
      });
      expect(response.status).toBe(422);
      const body = await json<{ code: string; details: Record<string, string[]> }>(response);
      expect(body.code).toBe("validation_failed");
      expect(body.details.title).toEqual(["title must not be empty"]);
      expect(body.details.description).toEqual(["description must be at most 2000 characters"]);
      expect(body.details.owner).toEqual(["unknown field"]);
      const after = await json<Page>(await send("?limit=100"));
      expect(after.tasks.length).toBe(before.tasks.length);
    });

    it("rejects a title over 200 characters and a non-string title", async () => {
      const long = await send("", { method: "POST", body: JSON.stringify({ title: "t".repeat(201) }) });
      expect(long.status).toBe(422);
      const wrongType = await send("", { method: "POST", body: JSON.stringify({ title: 42 }) });
      expect((await json<{ details: Record<string, string[]> }>(wrongType)).details.title).toEqual(["title must be a string"]);
    });

    it("answers 400 for malformed JSON", async () => {
      const response = await send("", { method: "POST", body: '{"title": "unterminated' });
      expect(response.status).toBe(400);
      expect(await json(response)).toEqual({ code: "malformed_json", message: "Malformed JSON in request body" });
    });

    it("answers 415 for a body that is not JSON", async () => {
      const response = await send("", {
        method: "POST",
        body: "title=x",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
      expect(response.status).toBe(415);
      expect((await json(response)).code).toBe("unsupported_media_type");
    });

    it("answers 413 for a body over 64 KiB", async () => {
      const response = await send("", {
        method: "POST",
        body: JSON.stringify({ title: "big", description: "x".repeat(70_000) }),
      });
      expect(response.status).toBe(413);
      expect(await json(response)).toEqual({ code: "payload_too_large", message: "The request body is larger than 64 KiB." });
    });
  });

  describe("GET /api/:userId/tasks", () => {
    let listUser: string;
    let listToken: string;
    const list = async (query: string) => json<Page>(await call(api, `/api/${listUser}/tasks${query}`, { token: listToken }));

    beforeAll(async () => {
      listUser = await createUser(api);
      listToken = await signToken(listUser);
      for (let i = 1; i <= 5; i++) {
        const response = await call(api, `/api/${listUser}/tasks`, {
          token: listToken,
          method: "POST",
          body: JSON.stringify({ title: `task ${i}` }),
        });
        const task = await json<TaskJson>(response);
        if (i % 2 === 0) await call(api, `/api/${listUser}/tasks/${task.id}/complete`, { token: listToken, method: "PATCH" });
      }
    });

    it("lists newest first by default, oldest first with order=asc", async () => {
      expect((await list("")).tasks.map((t) => t.title)).toEqual(["task 5", "task 4", "task 3", "task 2", "task 1"]);
      expect((await list("?order=asc")).tasks.map((t) => t.title)).toEqual(["task 1", "task 2", "task 3", "task 4", "task 5"]);
    });

    it("filters by status", async () => {
      expect((await list("?status=completed&order=asc")).tasks.map((t) => t.title)).toEqual(["task 2", "task 4"]);
      expect((await list("?status=pending&order=asc")).tasks.map((t) => t.title)).toEqual(["task 1", "task 3", "task 5"]);
    });

    it("pages with a cursor until next_cursor is null, without gaps or repeats", async () => {
      const seen: string[] = [];
      let query = "?limit=2&order=asc";
      for (let pages = 0; pages < 5; pages++) {
        const page = await list(query);
        seen.push(...page.tasks.map((t) => t.title));
        if (!page.next_cursor) break;
        query = `?limit=2&order=asc&cursor=${page.next_cursor}`;
      }
      expect(seen).toEqual(["task 1", "task 2", "task 3", "task 4", "task 5"]);
    });

    it("GET …/summary counts all, pending and completed tasks", async () => {
      const response = await call(api, `/api/${listUser}/tasks/summary`, { token: listToken });
      expect(response.status).toBe(200);
      expect(await json(response)).toMatchObject({ total: 5, pending: 3, completed: 2 });
    });

    it("answers 422, never 5xx, for every kind of forged cursor", async () => {
      const b64 = (value: unknown) =>
        btoa(typeof value === "string" ? value : JSON.stringify(value))
          .replaceAll("+", "-")
          .replaceAll("/", "_")
          .replace(/=+$/, "");
      const id = crypto.randomUUID();
      const forged = [
        { c: "2026-01-01T10:00:00.000+01", i: id },
        { c: "2026-01-01T10:00:00.000+01:00", i: id },
        { c: "2026-01-01T10:00:00-05:00", i: id },
        { c: "2026-01-01T10:00:00Z", i: id },
        { c: "2026-02-30T10:00:00.000Z", i: id },
        { c: "2026-13-01T10:00:00.000Z", i: id },
        { c: "0000-01-01T00:00:00.000Z", i: id },
        { c: "-000001-01-01T00:00:00.000Z", i: id },
        { c: "+275760-09-13T00:00:00.000Z", i: id },
        { c: "+275760-09-13T00:00:00.001Z", i: id },
        { c: "1969-12-31T23:59:59.999Z", i: id },
        { c: "2026-01-01T10:00:00.000Z", i: "not-a-uuid" },
        { c: "2026-01-01T10:00:00.000Z", i: `${id}' or 1=1 --` },
        { c: "2026-01-01T10:00:00.000Z" },
        { i: id },
        { c: 1767261600000, i: id },
        { c: "2026-01-01T10:00:00.000Z", i: id, extra: true },
        [1, 2],
        null,
        "a string",
        42,
      ].map(b64);
      const raw = ["nope", "%%%", "eyJ", b64("{not json"), "a".repeat(199), "a".repeat(5000)];
      for (const cursor of [...forged, ...raw]) {
        const response = await call(api, `/api/${listUser}/tasks?cursor=${encodeURIComponent(cursor)}`, { token: listToken });
        expect(response.status, cursor).toBe(422);
        expect(await json(response)).toMatchObject({ code: "validation_failed", details: { cursor: ["cursor is malformed"] } });
      }
    });

    it("never answers 5xx to a random cursor (property)", async () => {
      const timestamps = fc
        .date({ noInvalidDate: false })
        .map((date) => (Number.isNaN(date.getTime()) ? "x" : date.toISOString()));
      const texts = fc.oneof(timestamps, fc.string(), fc.constantFrom("+01", "Z", "-00:00", ".000Z"));
      const cursors = fc.oneof(
        fc.record({ c: texts, i: fc.oneof(fc.uuid(), fc.string()) }).map((value) => btoa(JSON.stringify(value))),
        fc.string({ maxLength: 300 }),
      );
      await fc.assert(
        fc.asyncProperty(cursors, async (cursor) => {
          const response = await call(api, `/api/${listUser}/tasks?cursor=${encodeURIComponent(cursor)}`, { token: listToken });
          expect(response.status, cursor).toBeLessThan(500);
          if (response.status !== 200)
            expect(await json(response)).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        }),
        { numRuns: 150 },
      );
    });

    it("answers 422 for a bad status, limit or cursor", async () => {
      for (const query of ["?status=done", "?limit=0", "?limit=101", "?limit=abc", "?cursor=nope", "?order=up"]) {
        const response = await call(api, `/api/${listUser}/tasks${query}`, { token: listToken });
        expect(response.status, query).toBe(422);
        expect((await json(response)).code).toBe("validation_failed");
      }
    });
  });

  describe("one task", () => {
    it("GET returns it; unknown and malformed ids are 404", async () => {
      const task = await create({ title: "read me" });
      const response = await send(`/${task.id}`);
      expect(response.status).toBe(200);
      expect(await json(response)).toEqual(task);
      for (const id of [crypto.randomUUID(), "not-a-uuid"]) {
        const missing = await send(`/${id}`);
        expect(missing.status).toBe(404);
        expect(await json(missing)).toEqual({ code: "task_not_found", message: "No such task." });
      }
    });

    it("PUT updates the given fields and bumps updated_at", async () => {
      const task = await create({ title: "draft", description: "old" });
      const response = await send(`/${task.id}`, {
        method: "PUT",
        body: JSON.stringify({ title: "final", description: null, completed: true }),
      });
      expect(response.status).toBe(200);
      const updated = await json<TaskJson>(response);
      expect(updated).toMatchObject({
        id: task.id,
        title: "final",
        description: null,
        completed: true,
        created_at: task.created_at,
      });
      expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(task.updated_at));
    });

    it("PUT with nothing to change, or invalid fields, is 422 and changes nothing", async () => {
      const task = await create({ title: "keep" });
      expect((await send(`/${task.id}`, { method: "PUT", body: "{}" })).status).toBe(422);
      expect((await send(`/${task.id}`, { method: "PUT", body: JSON.stringify({ title: "ok", completed: "yes" }) })).status).toBe(
        422,
      );
      expect(await json(await send(`/${task.id}`))).toEqual(task);
    });

    it("PUT with a body that is not JSON is 415", async () => {
      const task = await create({ title: "form post" });
      const response = await send(`/${task.id}`, { method: "PUT", body: "title=x", headers: { "Content-Type": "text/plain" } });
      expect(response.status).toBe(415);
      expect((await json(response)).code).toBe("unsupported_media_type");
    });

    it("PUT on a missing task is 404", async () => {
      const response = await send(`/${crypto.randomUUID()}`, { method: "PUT", body: JSON.stringify({ title: "x" }) });
      expect(response.status).toBe(404);
    });

    it("PATCH …/complete toggles completed each time", async () => {
      const task = await create({ title: "toggle me" });
      const first = await json<TaskJson>(await send(`/${task.id}/complete`, { method: "PATCH" }));
      expect(first.completed).toBe(true);
      const second = await json<TaskJson>(await send(`/${task.id}/complete`, { method: "PATCH" }));
      expect(second.completed).toBe(false);
      expect((await send(`/${crypto.randomUUID()}/complete`, { method: "PATCH" })).status).toBe(404);
    });

    it("DELETE removes it (204), then it is 404", async () => {
      const task = await create({ title: "delete me" });
      const response = await send(`/${task.id}`, { method: "DELETE" });
      expect(response.status).toBe(204);
      expect(await response.text()).toBe("");
      expect((await send(`/${task.id}`)).status).toBe(404);
      expect((await send(`/${task.id}`, { method: "DELETE" })).status).toBe(404);
    });
  });

  it("marks every task answer, success or error, Cache-Control: no-store", async () => {
    const task = await create({ title: "private" });
    for (const response of [
      await send(""),
      await send(`/${task.id}`),
      await send("/summary"),
      await send(`/${crypto.randomUUID()}`),
    ]) {
      expect(response.headers.get("Cache-Control")).toBe("no-store");
    }
  });

  describe("user isolation", () => {
    it("refuses A's token on B's path (403) and hides B's task from A (404); B's data is unchanged", async () => {
      const userB = await createUser(api);
      const tokenB = await signToken(userB);
      const taskB = await json<TaskJson>(
        await call(api, `/api/${userB}/tasks`, { token: tokenB, method: "POST", body: JSON.stringify({ title: "B's secret" }) }),
      );

      for (const [suffix, method] of [
        ["", "GET"],
        ["", "POST"],
        [`/${taskB.id}`, "GET"],
        [`/${taskB.id}`, "DELETE"],
      ] as const) {
        const response = await call(api, `/api/${userB}/tasks${suffix}`, {
          token,
          method,
          body: method === "POST" ? JSON.stringify({ title: "intrusion" }) : undefined,
        });
        expect(response.status, `${method} ${suffix}`).toBe(403);
        expect((await json(response)).code).toBe("forbidden");
      }
      for (const [suffix, method, body] of [
        [`/${taskB.id}`, "GET", undefined],
        [`/${taskB.id}`, "PUT", JSON.stringify({ title: "hijacked" })],
        [`/${taskB.id}/complete`, "PATCH", undefined],
        [`/${taskB.id}`, "DELETE", undefined],
      ] as const) {
        const response = await send(suffix, { method, body });
        expect(response.status, `${method} ${suffix}`).toBe(404);
        expect((await json(response)).code).toBe("task_not_found");
      }
      const after = await json<Page>(await call(api, `/api/${userB}/tasks`, { token: tokenB }));
      expect(after.tasks).toEqual([taskB]);
    });
  });

  describe("concurrency", () => {
    it("50 parallel creates give 50 rows", async () => {
      const owner = await createUser(api);
      const ownerToken = await signToken(owner);
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          call(api, `/api/${owner}/tasks`, {
            token: ownerToken,
            method: "POST",
            body: JSON.stringify({ title: `parallel ${i}` }),
          }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
      const page = await json<Page>(await call(api, `/api/${owner}/tasks?limit=100`, { token: ownerToken }));
      expect(page.tasks).toHaveLength(50);
      expect(new Set(page.tasks.map((t) => t.title)).size).toBe(50);
    });

    it("parallel toggles leave a consistent row", async () => {
      const task = await create({ title: "contended" });
      const toggles = 21;
      const results = await Promise.all(
        Array.from({ length: toggles }, () => send(`/${task.id}/complete`, { method: "PATCH" }).then((r) => json<TaskJson>(r))),
      );
      // Every toggle saw a distinct state transition: as many trues as falses (±1), ending on the odd count.
      const trues = results.filter((t) => t.completed).length;
      expect(Math.abs(trues - (toggles - trues))).toBe(1);
      const final = await json<TaskJson>(await send(`/${task.id}`));
      expect(final.completed).toBe(toggles % 2 === 1);
    });
  });
});
