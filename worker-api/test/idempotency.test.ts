// Retry-safe creates: `POST /api/:userId/tasks` with an `Idempotency-Key` writes at most once per
// key and person within the window; a retry gets the first answer, in the same one round trip.
import { env } from "cloudflare:workers";
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idempotencyKeys, tasks } from "../../drizzle/index.ts";
import { IDEMPOTENCY_KEY_MAX, IDEMPOTENCY_KEY_MIN } from "../../drizzle/limits.ts";
import type { TaskJson } from "../src/lib/task-json.ts";
import { sendWhileKeyIsHeld } from "./held-idempotency-key.ts";
import { call, createUser, dbFor, json, signToken, testEnv } from "./helpers.ts";

const databaseRequests = async () =>
  ((await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number }).httpRequests;

const KEY_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:~-";

describe.each(["http", "ws"] as const)("Idempotency-Key over Neon's %s transport", (transport) => {
  const api = testEnv({ DB_TRANSPORT: transport });
  const { db } = dbFor(api);

  async function person() {
    const userId = await createUser(api);
    const token = await signToken(userId);
    const post = (body: unknown, key?: string) =>
      call(api, `/api/${userId}/tasks`, {
        token,
        method: "POST",
        body: JSON.stringify(body),
        headers: key === undefined ? {} : { "Idempotency-Key": key },
      });
    const stored = () => db.select().from(tasks).where(eq(tasks.userId, userId));
    return { userId, token, post, stored };
  }

  /** The request's answer and the database round trips it took (counted on HTTP only). */
  async function counted(request: () => Promise<Response>) {
    const before = await databaseRequests();
    const response = await request();
    const roundTrips = (await databaseRequests()) - before;
    return { response, body: await response.text(), roundTrips };
  }

  it("writes once: the retry answers the first 201 byte for byte, marked replayed, in one round trip each", async () => {
    const { userId, post, stored } = await person();
    const key = crypto.randomUUID();
    const first = await counted(() => post({ title: "  once ", description: "d" }, key));
    const retry = await counted(() => post({ title: "  once ", description: "d" }, key));

    expect(first.response.status).toBe(201);
    expect(first.response.headers.get("Idempotent-Replayed")).toBeNull();
    expect(retry.response.status).toBe(201);
    expect(retry.response.headers.get("Idempotent-Replayed")).toBe("true");
    expect(retry.body).toBe(first.body);
    expect(retry.response.headers.get("Location")).toBe(first.response.headers.get("Location"));
    const task = JSON.parse(first.body) as TaskJson;
    expect(task).toMatchObject({ user_id: userId, title: "once", description: "d", completed: false });
    expect((await stored()).map((row) => row.id)).toEqual([task.id]);
    if (transport === "http") expect([first.roundTrips, retry.roundTrips]).toEqual([1, 1]);
  });

  it("replays the first answer even after the task changed or was deleted, and writes nothing", async () => {
    const { userId, token, post, stored } = await person();
    const key = crypto.randomUUID();
    const first = await (await post({ title: "first" }, key)).text();
    const { id } = JSON.parse(first) as TaskJson;
    await call(api, `/api/${userId}/tasks/${id}`, { token, method: "PUT", body: JSON.stringify({ title: "renamed" }) });
    expect(await (await post({ title: "first" }, key)).text()).toBe(first);
    await call(api, `/api/${userId}/tasks/${id}`, { token, method: "DELETE" });
    expect(await (await post({ title: "first" }, key)).text()).toBe(first);
    expect(await stored()).toEqual([]);
  });

  it("refuses the same key with another body (422 idempotency_key_reused) and writes nothing", async () => {
    const { post, stored } = await person();
    const key = crypto.randomUUID();
    expect((await post({ title: "a" }, key)).status).toBe(201);
    for (const other of [{ title: "b" }, { title: "a", description: "now with one" }]) {
      const response = await post(other, key);
      expect(response.status).toBe(422);
      expect(await json(response)).toMatchObject({ code: "idempotency_key_reused" });
    }
    // The same content, formatted differently, is the same request.
    expect((await post({ title: " a ", description: null }, key)).headers.get("Idempotent-Replayed")).toBe("true");
    expect((await stored()).map((row) => row.title)).toEqual(["a"]);
  });

  it("keeps each person's keys apart: the same key is each person's own request, and replays their own answer", async () => {
    const alice = await person();
    const bob = await person();
    const key = crypto.randomUUID();
    const hers = await json<TaskJson>(await alice.post({ title: "hers" }, key));
    const response = await bob.post({ title: "his" }, key);
    expect(response.headers.get("Idempotent-Replayed")).toBeNull();
    const his = await json<TaskJson>(response);
    expect(his).toMatchObject({ user_id: bob.userId, title: "his" });
    expect(await json(await bob.post({ title: "his" }, key))).toEqual(his);
    expect(await json(await alice.post({ title: "hers" }, key))).toEqual(hers);
  });

  it("serves a key for 24 hours: past that, the same key writes a new task", async () => {
    const { userId, post, stored } = await person();
    const key = crypto.randomUUID();
    const first = await json<TaskJson>(await post({ title: "daily" }, key));
    const age = async (minutes: number) =>
      db
        .update(idempotencyKeys)
        .set({ createdAt: sql`now() - ${minutes} * interval '1 minute'` })
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));

    await age(24 * 60 - 5);
    expect((await json<TaskJson>(await post({ title: "daily" }, key))).id).toBe(first.id);
    await age(24 * 60 + 5);
    const later = await post({ title: "daily" }, key);
    expect(later.headers.get("Idempotent-Replayed")).toBeNull();
    const second = await json<TaskJson>(later);
    expect(second.id).not.toBe(first.id);
    // The key now answers its new first request.
    expect((await json<TaskJson>(await post({ title: "daily" }, key))).id).toBe(second.id);
    expect((await stored()).length).toBe(2);
  });

  it("writes once when the retries race: every answer is the one task, or 409 to retry", async () => {
    const { post, stored } = await person();
    const key = crypto.randomUUID();
    const responses = await Promise.all(Array.from({ length: 8 }, () => post({ title: "raced" }, key)));
    const ids = new Set<string>();
    for (const response of responses) {
      expect([201, 409]).toContain(response.status);
      const body = await json<TaskJson & { code: string }>(response);
      if (response.status === 201) ids.add(body.id);
      else expect(body.code).toBe("idempotency_key_in_progress");
    }
    const rows = await stored();
    expect(rows.length).toBe(1);
    expect([...ids]).toEqual([rows[0]?.id]);
    // A 409's retry gets the task.
    expect((await json<TaskJson>(await post({ title: "raced" }, key))).id).toBe(rows[0]?.id);
  });

  it.skipIf(!env.TEST_ROLES_ENFORCED)(
    "answers 409 to retry, writing nothing, while another request holds the key (Postgres)",
    async () => {
      const { userId, post, stored } = await person();
      const key = crypto.randomUUID();
      const response = await sendWhileKeyIsHeld(api, userId, key, () => post({ title: "held" }, key));
      expect(response.status).toBe(409);
      expect(response.headers.get("Retry-After")).toBe("1");
      expect(await json(response)).toMatchObject({ code: "idempotency_key_in_progress" });
      expect(await stored()).toEqual([]);
    },
  );

  it("answers 401 and writes nothing, key or not, once the session has ended", async () => {
    const { userId, post, stored } = await person();
    const key = crypto.randomUUID();
    expect((await post({ title: "before" }, key)).status).toBe(201);
    await db.execute(sql`delete from session where user_id = ${userId}`);
    for (const request of [() => post({ title: "before" }, key), () => post({ title: "after" }, crypto.randomUUID())]) {
      const response = await request();
      expect(response.status).toBe(401);
      expect(await json(response)).toMatchObject({ code: "session_revoked" });
    }
    expect((await stored()).map((row) => row.title)).toEqual(["before"]);
  });

  it("without a key, writes every request (unchanged)", async () => {
    const { post, stored } = await person();
    await post({ title: "twice" });
    await post({ title: "twice" });
    expect((await stored()).length).toBe(2);
  });
});

describe("Idempotency-Key validation", () => {
  const api = testEnv();

  it("accepts any key of 8 to 128 letters, digits and -_.:~", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    const validKey = fc.string({
      unit: fc.constantFrom(...KEY_CHARACTERS),
      minLength: IDEMPOTENCY_KEY_MIN,
      maxLength: IDEMPOTENCY_KEY_MAX,
    });
    await fc.assert(
      fc.asyncProperty(validKey, async (key) => {
        const response = await call(api, `/api/${userId}/tasks`, {
          token,
          method: "POST",
          body: JSON.stringify({ title: "valid key" }),
          headers: { "Idempotency-Key": key },
        });
        expect(response.status).toBe(201);
      }),
      { numRuns: 25 },
    );
  });

  it("answers any other key 400 invalid_idempotency_key as JSON, and writes nothing", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId);
    const tooShort = fc.string({ unit: fc.constantFrom(...KEY_CHARACTERS), maxLength: IDEMPOTENCY_KEY_MIN - 1 });
    const tooLong = fc.string({ unit: fc.constantFrom(...KEY_CHARACTERS), minLength: IDEMPOTENCY_KEY_MAX + 1, maxLength: 300 });
    // Characters a header may carry (visible ASCII, inner spaces) but a key may not.
    const foreign = fc
      .tuple(
        fc.string({ unit: fc.constantFrom(...KEY_CHARACTERS), minLength: 4, maxLength: 20 }),
        fc.constantFrom(..." !\"#$%&'()*+,/;<=>?@[\\]^`{|}"),
        fc.string({ unit: fc.constantFrom(...KEY_CHARACTERS), minLength: 4, maxLength: 20 }),
      )
      .map(([a, c, b]) => a + c + b);
    await fc.assert(
      fc.asyncProperty(fc.oneof(tooShort, tooLong, foreign), async (key) => {
        const response = await call(api, `/api/${userId}/tasks`, {
          token,
          method: "POST",
          body: JSON.stringify({ title: "bad key" }),
          headers: { "Idempotency-Key": key },
        });
        expect(response.status).toBe(400);
        expect(response.headers.get("Content-Type")).toContain("application/json");
        expect(await json(response)).toMatchObject({ code: "invalid_idempotency_key" });
      }),
      { numRuns: 40 },
    );
    const rows = await dbFor(api).db.select().from(tasks).where(eq(tasks.userId, userId));
    expect(rows).toEqual([]);
  });
});
