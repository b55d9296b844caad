// Moving a task in the manual order (PATCH …/tasks/:id/position): the key is the only column it
// writes besides updated_at; keys that fractional-indexing would refuse are a 422 that writes
// nothing; another person's task is a 404 like one that does not exist; and two moves into the
// same gap (two tabs computing the same key) keep every task exactly once, equal keys by id.

import fc from "fast-check";
import { generateKeyBetween } from "fractional-indexing";
import { beforeAll, describe, expect, it } from "vitest";
import { TASK_POSITION_MAX } from "../../drizzle/limits.ts";
import type { TaskJson } from "../src/lib/task-json.ts";
import { isOrderKey } from "../src/schemas/position.ts";
import { call, createUser, json, signToken, testEnv } from "./helpers.ts";

type Page = { tasks: TaskJson[]; next_cursor: string | null };

describe.each(["http", "ws"] as const)("moving a task over Neon's %s transport", (transport) => {
  const api = testEnv({ DB_TRANSPORT: transport });
  let userId: string;
  let token: string;
  const send = (suffix: string, init: RequestInit = {}) => call(api, `/api/${userId}/tasks${suffix}`, { token, ...init });
  const move = (id: string, position: unknown) =>
    send(`/${id}/position`, { method: "PATCH", body: JSON.stringify({ position }) });
  const create = async (title: string) => json<TaskJson>(await send("", { method: "POST", body: JSON.stringify({ title }) }));
  const manualOrder = async () => (await json<Page>(await send("?sort=position&limit=100"))).tasks;

  beforeAll(async () => {
    userId = await createUser(api);
    token = await signToken(userId);
  });

  it("puts the task at its new key, changes nothing else, and the list follows", async () => {
    const a = await create("move a");
    const b = await create("move b");
    const c = await create("move c");
    const position = generateKeyBetween(a.position, b.position);
    const response = await move(c.id, position);
    expect(response.status).toBe(200);
    const moved = await json<TaskJson>(response);
    const { position: _p, updated_at: _u, ...unchanged } = c;
    expect(moved).toMatchObject({ ...unchanged, position });
    expect(moved.updated_at > c.updated_at).toBe(true);
    const titles = (await manualOrder()).map((task) => task.title).filter((title) => title.startsWith("move "));
    expect(titles).toEqual(["move a", "move c", "move b"]);
  });

  it("answers 404 task_not_found for another person's task, as for an unknown id, and leaves theirs alone", async () => {
    const other = await createUser(api);
    const otherToken = await signToken(other);
    const theirs = await json<TaskJson>(
      await call(api, `/api/${other}/tasks`, { token: otherToken, method: "POST", body: '{"title":"theirs"}' }),
    );
    for (const id of [theirs.id, crypto.randomUUID()]) {
      const response = await move(id, "a0V");
      expect(response.status, id).toBe(404);
      expect(await json(response)).toMatchObject({ code: "task_not_found" });
    }
    const after = await json<TaskJson>(await call(api, `/api/${other}/tasks/${theirs.id}`, { token: otherToken }));
    expect(after).toEqual(theirs);
  });

  it.each([
    ["not a string", 5],
    ["null", null],
    ["empty", ""],
    ["a digit first", "0a"],
    ["punctuation", "a0-"],
    ["an integer part too short for its head", "b0"],
    ["a trailing zero", "a00"],
    ["the smallest integer", `A${"0".repeat(26)}`],
    ["over the length limit", `a0${"V".repeat(TASK_POSITION_MAX)}`],
    ["SQL", "a0'; drop table tasks;--"],
  ])("answers 422 for a key that is %s, and writes nothing", async (_, position) => {
    const task = await create("bad key");
    const response = await move(task.id, position);
    expect(response.status).toBe(422);
    expect(await json(response)).toMatchObject({ code: "validation_failed", details: { position: [expect.any(String)] } });
    expect(await json<TaskJson>(await send(`/${task.id}`))).toEqual(task);
  });

  it("answers 422 for a missing key or an unknown field", async () => {
    const task = await create("fields");
    for (const body of [{}, { position: "a0V", title: "x" }]) {
      const response = await send(`/${task.id}/position`, { method: "PATCH", body: JSON.stringify(body) });
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
  });

  it("two moves into the same gap (the same key from two tabs) keep every task once, equal keys by id", async () => {
    const owner = await createUser(api);
    const ownerToken = await signToken(owner);
    const as = (suffix: string, init: RequestInit = {}) =>
      call(api, `/api/${owner}/tasks${suffix}`, { token: ownerToken, ...init });
    const made: TaskJson[] = [];
    for (const title of ["one", "two", "three", "four"])
      made.push(await json<TaskJson>(await as("", { method: "POST", body: JSON.stringify({ title }) })));
    const [one, two, three, four] = made as [TaskJson, TaskJson, TaskJson, TaskJson];
    const gap = generateKeyBetween(one.position, two.position);
    const responses = await Promise.all(
      [three, four].map((task) => as(`/${task.id}/position`, { method: "PATCH", body: JSON.stringify({ position: gap }) })),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    const list = (await json<Page>(await as("?sort=position&limit=100"))).tasks;
    const tied = [three, four].map((task) => task.id).sort();
    expect(list.map((task) => task.id)).toEqual([one.id, ...tied, two.id]);
    expect(list.filter((task) => task.position === gap)).toHaveLength(2);
    // A later move between the tied pair and the next task places after both (the decision's rule).
    const after = generateKeyBetween(gap, two.position);
    expect((await as(`/${one.id}/position`, { method: "PATCH", body: JSON.stringify({ position: after }) })).status).toBe(200);
    const again = (await json<Page>(await as("?sort=position&limit=100"))).tasks;
    expect(again.map((task) => task.id)).toEqual([...tied, one.id, two.id]);
  });
});

describe("isOrderKey", () => {
  it("accepts every key fractional-indexing generates", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), (steps) => {
        // A walk of moves, each between the last key and a neighbour: the keys people's moves make.
        let low: string | null = null;
        let high: string | null = null;
        let ok = true;
        for (const up of steps) {
          const key = generateKeyBetween(low, high);
          ok &&= isOrderKey(key);
          if (up) low = key;
          else high = key;
        }
        return ok;
      }),
    );
  });

  it("accepts a hostile string only when the library would take it as a neighbour", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[A-Za-z][0-9A-Za-z]{0,30}$/), fc.string({ unit: "binary" })),
        (key) => {
          let libraryAccepts = /^[A-Za-z][0-9A-Za-z]*$/.test(key);
          try {
            generateKeyBetween(null, key);
          } catch {
            libraryAccepts = false;
          }
          return isOrderKey(key) === libraryAccepts;
        },
      ),
    );
  });
});
