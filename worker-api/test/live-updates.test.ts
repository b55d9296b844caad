// Live updates inside workerd: the upgrade refused for every bad case before any upgrade, the
// accepted socket, the fan-out of each committed write to its person's sockets only (one object
// request per write, off the response path), hibernation's wake-up, and sockets closed by the
// web worker's LiveControl (revocation, account deletion) and by token expiry.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { session } from "../../drizzle/index.ts";
import type { TaskJson } from "../src/lib/task-json.ts";
import { LiveControl } from "../src/live/live-control.ts";
import { EXPIRES_AT_HEADER, LiveUpdates, SESSION_ID_HEADER } from "../src/live/live-updates-object.ts";
import { CLOSE_CODES, LIVE_PROTOCOL, type LiveMessage, liveTicketAudience } from "../src/live/protocol.ts";
import {
  call,
  callStreamed,
  createSession,
  createUser,
  dbFor,
  json,
  ORIGIN,
  sessionIdFor,
  signToken,
  testEnv,
} from "./helpers.ts";
import { livePath, openLive, settle, upgradeHeaders } from "./live-helpers.ts";

const api = testEnv();

const databaseRequests = async () =>
  ((await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number }).httpRequests;

const send = (userId: string, token: string, method: string, suffix = "", body?: unknown) =>
  call(api, `/api/${userId}/tasks${suffix}`, { method, token, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

const changes = (messages: LiveMessage[]) => messages.filter((message) => message.type === "change");

describe("the live upgrade", () => {
  type Case = [string, (userId: string) => Promise<{ path?: string; headers: Record<string, string> }>, number, string?];
  const refusals: Case[] = [
    ["no token", async () => ({ headers: upgradeHeaders(undefined) }), 401, "missing_token"],
    [
      "a token in the URL only",
      async (userId) => ({
        path: `${livePath(userId)}?access_token=${await signToken(userId)}`,
        headers: upgradeHeaders(undefined),
      }),
      401,
      "missing_token",
    ],
    [
      "a token in the Authorization header only",
      async (userId) => ({ headers: { ...upgradeHeaders(undefined), Authorization: `Bearer ${await signToken(userId)}` } }),
      401,
      "missing_token",
    ],
    ["a malformed token", async () => ({ headers: upgradeHeaders("not-a-jwt") }), 401, "invalid_token"],
    [
      "two tokens",
      async (userId) => ({
        headers: {
          ...upgradeHeaders(await signToken(userId)),
          "Sec-WebSocket-Protocol": `${LIVE_PROTOCOL}, bearer.${await signToken(userId)}, bearer.${await signToken(userId)}`,
        },
      }),
      401,
      "invalid_token",
    ],
    [
      "a forged signature",
      async (userId) => ({ headers: upgradeHeaders(await signToken(userId, { key: env.TEST_KEYS.impostor })) }),
      401,
      "invalid_token",
    ],
    [
      "an expired token",
      async (userId) => ({ headers: upgradeHeaders(await signToken(userId, { expiresIn: -120 })) }),
      401,
      "token_expired",
    ],
    [
      "another issuer's token",
      async (userId) => ({ headers: upgradeHeaders(await signToken(userId, { claims: { iss: "https://evil.example" } })) }),
      401,
      "invalid_token",
    ],
    [
      "a token for another audience",
      async (userId) => ({ headers: upgradeHeaders(await signToken(userId, { claims: { aud: `${ORIGIN}/elsewhere` } })) }),
      401,
      "invalid_token",
    ],
    [
      "another person's user id",
      async (userId) => ({ path: livePath(await createUser(api)), headers: upgradeHeaders(await signToken(userId)) }),
      403,
      "forbidden",
    ],
    [
      "an ended session",
      async (userId) => {
        await dbFor(api)
          .db.delete(session)
          .where(eq(session.id, sessionIdFor(userId)));
        return { headers: upgradeHeaders(await signToken(userId)) };
      },
      401,
      "session_revoked",
    ],
    [
      "a plain GET (no upgrade)",
      async (userId) => ({ headers: { ...upgradeHeaders(await signToken(userId)), Upgrade: "" } }),
      426,
      "upgrade_required",
    ],
    [
      "no live subprotocol",
      async (userId) => ({
        headers: { ...upgradeHeaders(await signToken(userId)), "Sec-WebSocket-Protocol": `bearer.${await signToken(userId)}` },
      }),
      400,
      "unsupported_protocol",
    ],
    [
      "a page of another origin",
      async (userId) => ({ headers: upgradeHeaders(await signToken(userId), { Origin: "https://evil.example" }) }),
      403,
      "forbidden_origin",
    ],
  ];

  it.each(refusals)("refuses %s with a JSON error before any upgrade", async (_name, build, status, code) => {
    const userId = await createUser(api);
    const { path = livePath(userId), headers } = await build(userId);
    const response = await call(api, path, { headers });
    expect(response.status).toBe(status);
    expect(response.webSocket).toBeNull();
    expect(await json(response)).toMatchObject({ code, message: expect.any(String) });
  });

  it("refuses other methods with 405", async () => {
    const userId = await createUser(api);
    const response = await call(api, livePath(userId), { method: "POST", headers: upgradeHeaders(await signToken(userId)) });
    expect(response.status).toBe(405);
  });

  it("accepts a live session's token in one database round trip, answers with the live protocol only, and says hello", async () => {
    const userId = await createUser(api);
    const before = await databaseRequests();
    const client = await openLive(api, userId, await signToken(userId));
    expect((await databaseRequests()) - before).toBe(1);
    expect(client.response.headers.get("Sec-WebSocket-Protocol")).toBe(LIVE_PROTOCOL);
    expect(await client.message(0)).toEqual({ type: "hello", version: 0, changed_at: null });
    client.socket.close(1000);
  });

  it("accepts the live ticket a tasks page arrives with, which the task routes refuse", async () => {
    const userId = await createUser(api);
    const ticket = await signToken(userId, { claims: { aud: liveTicketAudience(ORIGIN) } });
    const client = await openLive(api, userId, ticket);
    expect(await client.message(0)).toEqual({ type: "hello", version: 0, changed_at: null });
    client.socket.close(1000);
    const response = await send(userId, ticket, "GET");
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ code: "invalid_token" });
  });
});

describe("fan-out", () => {
  it("sends each committed write to every socket of its person, numbered, and to nobody else", async () => {
    const alice = await createUser(api);
    await createSession(api, alice, `${alice}-phone`);
    const bob = await createUser(api);
    const laptop = await openLive(api, alice, await signToken(alice));
    const phone = await openLive(api, alice, await signToken(alice, { claims: { sid: `${alice}-phone` } }));
    const bobs = await openLive(api, bob, await signToken(bob));
    const token = await signToken(alice);

    const created = await json<TaskJson>(await send(alice, token, "POST", "", { title: "buy milk" }));
    const updated = await json<TaskJson>(await send(alice, token, "PUT", `/${created.id}`, { title: "buy oat milk" }));
    const toggled = await json<TaskJson>(await send(alice, token, "PATCH", `/${created.id}/complete`));
    expect((await send(alice, token, "DELETE", `/${created.id}`)).status).toBe(204);

    const expected = [
      { type: "change", version: 1, op: "upsert", task: created },
      { type: "change", version: 2, op: "upsert", task: updated },
      { type: "change", version: 3, op: "upsert", task: toggled },
      { type: "change", version: 4, op: "delete", ids: [created.id] },
    ];
    for (const client of [laptop, phone]) {
      await client.message(4);
      expect(changes(client.messages)).toEqual(expected);
    }
    await settle();
    expect(bobs.messages).toEqual([{ type: "hello", version: 0, changed_at: null }]);
  });

  it("names a create's Idempotency-Key in its change (a replay too), so that the tab that sent it knows its echo", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    const client = await openLive(api, userId, token);
    const key = crypto.randomUUID();
    const create = () =>
      call(api, `/api/${userId}/tasks`, {
        method: "POST",
        token,
        headers: { "Idempotency-Key": key },
        body: JSON.stringify({ title: "from this tab" }),
      });
    const created = await json<TaskJson>(await create());
    expect((await create()).headers.get("Idempotent-Replayed")).toBe("true");
    const task = await json<TaskJson>(await send(userId, token, "PUT", `/${created.id}`, { title: "renamed" }));

    await client.message(3);
    const published = changes(client.messages).map(({ type: _, version: __, ...change }) => change);
    expect(published).toEqual([
      { op: "upsert", task: created, idempotency_key: key },
      { op: "upsert", task: created, idempotency_key: key },
      { op: "upsert", task },
    ]);
  });

  it("sends label writes, and labels put on or taken off a task, to the person's sockets", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    const client = await openLive(api, userId, token);
    const labels = (method: string, suffix = "", body?: unknown) =>
      call(api, `/api/${userId}/labels${suffix}`, {
        method,
        token,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const task = await json<TaskJson>(await send(userId, token, "POST", "", { title: "labelled" }));
    const label = await json<{ id: string }>(await labels("POST", "", { name: "Work" }));
    const renamed = await json<{ id: string }>(await labels("PATCH", `/${label.id}`, { name: "Job", color: "blue" }));
    const attached = await json<TaskJson>(await send(userId, token, "PUT", `/${task.id}/labels/${label.id}`));
    const detached = await json<TaskJson>(await send(userId, token, "DELETE", `/${task.id}/labels/${label.id}`));
    expect((await labels("DELETE", `/${label.id}`)).status).toBe(204);
    // Refusals publish nothing: a duplicate name, someone else's label.
    await labels("POST", "", { name: "x" });
    await labels("POST", "", { name: "X" });
    await labels("DELETE", `/${crypto.randomUUID()}`);
    await send(userId, token, "PUT", `/${task.id}/labels/${crypto.randomUUID()}`);

    await client.message(7);
    await settle();
    const published = changes(client.messages).map(({ type: _, version: __, ...change }) => change);
    expect(published.slice(0, 6)).toEqual([
      { op: "upsert", task },
      { op: "label_upsert", label: expect.objectContaining({ id: label.id, name: "Work" }) },
      { op: "label_upsert", label: renamed },
      { op: "upsert", task: attached },
      { op: "upsert", task: detached },
      { op: "label_delete", ids: [label.id] },
    ]);
    expect(published.slice(6)).toEqual([{ op: "label_upsert", label: expect.objectContaining({ name: "x" }) }]);
  });

  it("publishes nothing for reads, refusals and failed writes", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    const client = await openLive(api, userId, token);
    await send(userId, token, "GET");
    await send(userId, token, "POST", "", { title: "" });
    await send(userId, token, "PUT", `/${crypto.randomUUID()}`, { title: "nobody's" });
    await send(userId, token, "DELETE", `/${crypto.randomUUID()}`);
    await send(userId, await signToken(userId, { expiresIn: -120 }), "POST", "", { title: "expired" });
    await settle();
    expect(changes(client.messages)).toEqual([]);
  });

  it("never delivers one person's change to another's socket (random people and writers)", async () => {
    const people = await Promise.all(Array.from({ length: 4 }, () => createUser(api)));
    const clients = await Promise.all(people.map(async (id) => openLive(api, id, await signToken(id))));
    const tokens = await Promise.all(people.map((id) => signToken(id)));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: people.length - 1 }), { minLength: 1, maxLength: 6 }),
        async (writers) => {
          for (const writer of writers) {
            const response = await send(people[writer] as string, tokens[writer] as string, "POST", "", {
              title: `by ${writer}`,
            });
            expect(response.status).toBe(201);
          }
        },
      ),
      { numRuns: 5 },
    );
    await settle();
    clients.forEach((client, index) => {
      for (const message of changes(client.messages)) {
        if (message.op === "upsert") expect(message.task.user_id).toBe(people[index]);
      }
    });
    // Each person's versions run 1, 2, 3… with no gap: one publish per write.
    for (const client of clients) {
      expect(changes(client.messages).map((message) => message.version)).toEqual(changes(client.messages).map((_, i) => i + 1));
    }
  });

  it("makes one object request per write, after the response", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    for (let i = 0; i < 3; i++) await send(userId, token, "POST", "", { title: `task ${i}` });
    const client = await openLive(api, userId, token);
    // A new socket's hello carries the count of publishes so far.
    expect(await client.message(0)).toMatchObject({ type: "hello", version: 3 });
  });

  it("says in its hello when the person's latest change committed: after the write's request, before its response", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    await send(userId, token, "POST", "", { title: "earlier" });
    const sent = Date.now();
    await send(userId, token, "POST", "", { title: "latest" });
    const answered = Date.now();
    await settle();
    const client = await openLive(api, userId, token);
    const hello = (await client.message(0)) as Extract<LiveMessage, { type: "hello" }>;
    expect(hello.version).toBe(2);
    expect(hello.changed_at).toBeGreaterThanOrEqual(sent);
    expect(hello.changed_at).toBeLessThanOrEqual(answered);
    // Reads and refusals are no change: the time stays the latest write's.
    await send(userId, token, "GET");
    await send(userId, token, "POST", "", { title: "" });
    await settle();
    const again = await openLive(api, userId, token);
    expect(await again.message(0)).toEqual({ type: "hello", version: 2, changed_at: hello.changed_at });
  });

  it("keeps the latest commit time when publishes arrive out of commit order, with one storage write per change", async () => {
    const userId = await createUser(api);
    await runInDurableObject(env.LIVE_UPDATES.getByName(userId), async (instance: LiveUpdates, state) => {
      await instance.publish({ op: "delete", ids: ["b"] }, 2_000);
      await instance.publish({ op: "delete", ids: ["a"] }, 1_000);
      // One record, rewritten by each change (not a key per change, nor two writes).
      expect([...state.storage.kv.list()]).toEqual([["clock", { version: 2, changedAt: 2_000 }]]);
    });
    const client = await openLive(api, userId, await signToken(userId));
    expect(await client.message(0)).toEqual({ type: "hello", version: 2, changed_at: 2_000 });
  });

  it("carries on the count of an object made before it kept the commit time", async () => {
    const userId = await createUser(api);
    const stub = env.LIVE_UPDATES.getByName(userId);
    await runInDurableObject(stub, async (_instance: LiveUpdates, state) => {
      state.storage.kv.put("version", 41);
    });
    const before = await openLive(api, userId, await signToken(userId));
    expect(await before.message(0)).toEqual({ type: "hello", version: 41, changed_at: null });
    await runInDurableObject(stub, async (instance: LiveUpdates) => {
      expect(await instance.publish({ op: "delete", ids: ["a"] }, 5_000)).toMatchObject({ version: 42 });
    });
  });

  it("keeps writes working when the object is down, and refuses the upgrade with 503", async () => {
    const down = new Proxy(env.LIVE_UPDATES, {
      get: (target, property) =>
        property === "getByName"
          ? () => ({
              publish: () => Promise.reject(new Error("object down")),
              fetch: () => Promise.reject(new Error("object down")),
            })
          : Reflect.get(target, property),
    });
    const withoutObject = testEnv({ LIVE_UPDATES: down });
    const userId = await createUser(withoutObject);
    const token = await signToken(userId);
    const response = await call(withoutObject, `/api/${userId}/tasks`, {
      method: "POST",
      token,
      body: JSON.stringify({ title: "still saved" }),
    });
    expect(response.status).toBe(201);
    const upgrade = await call(withoutObject, livePath(userId), { headers: upgradeHeaders(token) });
    expect(upgrade.status).toBe(503);
    expect(await json(upgrade)).toMatchObject({ code: "live_unavailable" });
  });

  it("answers writes at once while the object hangs: no write waits on its publish", async () => {
    // An object that takes every publish and never answers (overloaded, or stuck in a deploy).
    let publishes = 0;
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const hanging = new Proxy(env.LIVE_UPDATES, {
      get: (target, property) =>
        property === "getByName"
          ? () => ({
              publish: () => {
                publishes++;
                return answered;
              },
            })
          : Reflect.get(target, property),
    });
    const withHangingObject = testEnv({ LIVE_UPDATES: hanging });
    const userId = await createUser(withHangingObject);
    const token = await signToken(userId);
    const DEADLINE_MS = 3_000;
    const settled: (() => Promise<unknown>)[] = [];
    /** The write's response, or a failure once the deadline passes without one. */
    const write = async (method: string, suffix: string, body?: unknown) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${method} ${suffix}: no response within ${DEADLINE_MS} ms`)), DEADLINE_MS);
      });
      const request = callStreamed(withHangingObject, `/api/${userId}/tasks${suffix}`, {
        method,
        token,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }),
      });
      const { response, settled: done } = await Promise.race([request, timedOut]).finally(() => clearTimeout(timer));
      const text = await response.text();
      settled.push(done);
      return { status: response.status, text };
    };
    const created = await write("POST", "", { title: "saved while the object hangs" });
    expect(created.status).toBe(201);
    const { id } = JSON.parse(created.text) as TaskJson;
    const statuses = [
      (await write("PUT", `/${id}`, { title: "edited while it hangs" })).status,
      (await write("PATCH", `/${id}/complete`)).status,
      (await write("DELETE", `/${id}`)).status,
    ];
    expect(statuses).toEqual([200, 200, 204]);
    await settle();
    // Each write still asked the object, once, after its response.
    expect(publishes).toBe(4);
    answer();
    await Promise.all(settled.map((done) => done()));
  });
});

describe("hibernation", () => {
  it("a new instance of the object (woken from hibernation) still reaches the sockets, with what they remember", async () => {
    const userId = await createUser(api);
    const client = await openLive(api, userId, await signToken(userId));
    const stub = env.LIVE_UPDATES.getByName(userId);
    await runInDurableObject(stub, async (_instance: LiveUpdates, state) => {
      // As after eviction: the constructor runs again and no field of the old instance survives.
      const woken = new LiveUpdates(state, env);
      expect(await woken.publish({ op: "delete", ids: ["a"] }, Date.now())).toEqual({ version: 1, sockets: 1 });
      const [socket] = state.getWebSockets();
      expect(socket?.deserializeAttachment()).toMatchObject({ sessionId: sessionIdFor(userId) });
    });
    expect(await client.message(1)).toEqual({ type: "change", version: 1, op: "delete", ids: ["a"] });
  });

  it("a woken instance greets with the count and commit time from before it slept", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    await send(userId, token, "POST", "", { title: "before the sleep" });
    await settle();
    const stub = env.LIVE_UPDATES.getByName(userId);
    const first = await openLive(api, userId, token);
    const hello = (await first.message(0)) as Extract<LiveMessage, { type: "hello" }>;
    expect(hello).toMatchObject({ version: 1, changed_at: expect.any(Number) });
    await runInDurableObject(stub, async (_instance: LiveUpdates, state) => {
      // As after eviction: a new instance over the same storage, asked for a new socket.
      const woken = new LiveUpdates(state, env);
      const response = await woken.fetch(
        new Request("https://live.internal/", {
          headers: {
            Upgrade: "websocket",
            [SESSION_ID_HEADER]: sessionIdFor(userId),
            [EXPIRES_AT_HEADER]: String(Date.now() + 60_000),
          },
        }),
      );
      const socket = response.webSocket as WebSocket;
      const greeting = new Promise<unknown>((resolve) =>
        socket.addEventListener("message", (event) => resolve(JSON.parse(String(event.data)))),
      );
      socket.accept();
      expect(await greeting).toEqual({ type: "hello", version: 1, changed_at: hello.changed_at });
      socket.close(1000);
    });
  });

  it("answers heartbeats without waking the object: the runtime answers, the object's handler never runs", async () => {
    const userId = await createUser(api);
    const client = await openLive(api, userId, await signToken(userId));
    const stub = env.LIVE_UPDATES.getByName(userId);
    // Anything the object itself would be woken for reaches webSocketMessage: count those calls.
    let handled = 0;
    await runInDurableObject(stub, async (instance: LiveUpdates) => {
      instance.webSocketMessage = async () => {
        handled++;
      };
    });
    client.socket.send('{"type":"ping"}');
    expect(await client.message(1)).toEqual({ type: "pong" });
    // The counter works: a message that is not the heartbeat does reach the handler.
    client.socket.send('{"type":"other"}');
    await settle();
    expect(handled).toBe(1);
    await runInDurableObject(stub, async (_instance: LiveUpdates, state) => {
      const [socket] = state.getWebSockets();
      // The runtime's own record of answering it (setWebSocketAutoResponse).
      expect(socket && state.getWebSocketAutoResponseTimestamp(socket)).toBeInstanceOf(Date);
    });
  });
});

describe("closing sockets", () => {
  const control = () =>
    new LiveControl({ waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext, env);

  it("ends one session's sockets on revocation, and leaves the person's other sessions open", async () => {
    const userId = await createUser(api);
    await createSession(api, userId, `${userId}-phone`);
    const laptop = await openLive(api, userId, await signToken(userId));
    const phone = await openLive(api, userId, await signToken(userId, { claims: { sid: `${userId}-phone` } }));
    expect(await control().endSessions(userId, [sessionIdFor(userId)])).toBe(1);
    expect(await laptop.closed).toEqual({ code: CLOSE_CODES.sessionEnded, reason: "session_ended" });
    // The reason comes first as a message, so that the page need not wait for the close handshake.
    expect(laptop.messages.at(-1)).toEqual({ type: "closing", code: CLOSE_CODES.sessionEnded, reason: "session_ended" });
    await settle();
    expect(phone.socket.readyState).toBe(WebSocket.OPEN);
  });

  it("ends every socket of the person on account deletion, and the object forgets its count", async () => {
    const userId = await createUser(api);
    await createSession(api, userId, `${userId}-phone`);
    const token = await signToken(userId);
    await send(userId, token, "POST", "", { title: "gone soon" });
    const sockets = [
      await openLive(api, userId, token),
      await openLive(api, userId, await signToken(userId, { claims: { sid: `${userId}-phone` } })),
    ];
    expect(await control().endAccount(userId)).toBe(2);
    for (const client of sockets)
      expect(await client.closed).toEqual({ code: CLOSE_CODES.accountDeleted, reason: "account_deleted" });
    await runInDurableObject(env.LIVE_UPDATES.getByName(userId), async (_instance: LiveUpdates, state) => {
      expect([...state.storage.kv.list()]).toEqual([]);
    });
  });

  it("refuses malformed input from the binding", async () => {
    await expect(control().endSessions("", ["x"])).rejects.toThrow();
    await expect(control().endSessions("someone", "x" as unknown as string[])).rejects.toThrow();
  });

  it("closes a socket when its token expires (the object's alarm)", async () => {
    const userId = await createUser(api);
    const client = await openLive(api, userId, await signToken(userId, { expiresIn: 1 }));
    expect(await client.closed).toEqual({ code: CLOSE_CODES.tokenExpired, reason: "token_expired" });
    // The alarm ran and, with no socket left, set no other.
    expect(await runDurableObjectAlarm(env.LIVE_UPDATES.getByName(userId))).toBe(false);
  });
});
