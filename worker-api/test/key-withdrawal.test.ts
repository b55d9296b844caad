// Emergency key withdrawal: once a signing key's row leaves the key store (`npm run keys:rotate --
// --withdraw <kid>`), its tokens are refused on every route by the very next request, although
// the key is still in the API's cached JWKS, with no extra round trip: the key's row is checked
// in the statement that checks the session. Other keys' tokens keep working.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { jwks, tasks } from "../../drizzle/index.ts";
import type { TaskJson } from "../src/lib/task-json.ts";
import { call, createUser, dbFor, json, signToken, testEnv } from "./helpers.ts";

const withdrawable = env.TEST_KEYS.withdrawable;

/** Every task route, as [method, path suffix, body]; `id` is an existing task of the user. */
const routes = (id: string): [string, string, unknown?][] => [
  ["GET", ""],
  ["POST", "", { title: "written with a withdrawn key" }],
  ["GET", "/summary"],
  ["GET", `/${id}`],
  ["PUT", `/${id}`, { title: "written with a withdrawn key" }],
  ["PATCH", `/${id}/complete`],
  ["DELETE", `/${id}`],
];

const databaseRequests = async () =>
  ((await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number }).httpRequests;

describe("a withdrawn signing key", () => {
  const api = testEnv();
  const { db } = dbFor(api);
  const send = (userId: string, token: string, method: string, suffix: string, body?: unknown) =>
    call(api, `/api/${userId}/tasks${suffix}`, { token, method, body: body === undefined ? undefined : JSON.stringify(body) });

  afterEach(async () => {
    // Back in the key store for the next run (a withdrawal is for good in real life).
    const { d, ...publicKey } = withdrawable;
    await db
      .insert(jwks)
      .values({
        id: withdrawable.kid as string,
        publicKey: JSON.stringify(publicKey),
        privateKey: "a test key",
        createdAt: new Date(),
      })
      .onConflictDoNothing();
  });

  it("has its tokens refused on every route from the next request on, in one round trip each", async () => {
    const userId = await createUser(api);
    const token = await signToken(userId, { key: withdrawable });
    const other = await signToken(userId);
    const task = await json<TaskJson>(await send(userId, token, "POST", "", { title: "before" }));
    expect((await send(userId, token, "GET", `/${task.id}`)).status).toBe(200);

    await db.delete(jwks).where(eq(jwks.id, withdrawable.kid as string));
    const withdrawnAt = Date.now();
    expect((await send(userId, token, "GET", `/${task.id}`)).status).toBe(401);
    // The next request is refused: the time is that request's own, far within the second allowed.
    expect(Date.now() - withdrawnAt).toBeLessThan(1000);

    for (const [method, suffix, body] of routes(task.id)) {
      const before = await databaseRequests();
      const response = await send(userId, token, method, suffix, body);
      expect(response.status, `${method} ${suffix}`).toBe(401);
      expect(await json(response), `${method} ${suffix}`).toMatchObject({ code: "session_revoked" });
      expect((await databaseRequests()) - before, `${method} ${suffix}`).toBe(1);
    }
    const rows = await db.select().from(tasks).where(eq(tasks.userId, userId));
    expect(rows.map(({ title, completed }) => ({ title, completed }))).toEqual([{ title: "before", completed: false }]);

    // The same user, the same session, another key: unaffected.
    for (const [method, suffix, body] of routes(task.id)) {
      expect((await send(userId, other, method, suffix, body)).status, `${method} ${suffix}`).toBeLessThan(300);
    }
  });
});
