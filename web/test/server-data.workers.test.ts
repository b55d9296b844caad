// What the server components render from (web/lib/tasks/first-load.ts over web/lib/tasks/tasks-api-on-server.ts):
// a token minted on the server for the session, accepted by the real API worker reached through
// an API service binding; the binding's own failures and an ended session become the page's
// error states, never a thrown error.
import { beforeAll, describe, expect, it } from "vitest";
import { BEARER_PROTOCOL_PREFIX, LIVE_PROTOCOL } from "../../worker-api/src/live/protocol.ts";
import { mintLiveTicket, mintServerApiToken, type SessionIds } from "../lib/auth/server-api-token.ts";
import { createTasksApi } from "../lib/tasks/api.ts";
import { apiFetcher } from "../lib/tasks/api-fetcher.ts";
import { loadDashboard, loadTasksPage } from "../lib/tasks/first-load.ts";
import { DEFAULT_QUERY } from "../lib/tasks/task-query.ts";
import { createTokenCache } from "../lib/tasks/token-cache.ts";
import { apiEnvWithAuthBinding, apiFetch, authPost, authRequest, ORIGIN, signUp, withTestAuth } from "./workers-helpers.ts";

const mint = (session: SessionIds) => withTestAuth((auth) => mintServerApiToken(auth, session));
const mintTicket = (session: SessionIds) => withTestAuth((auth) => mintLiveTicket(auth, session, ORIGIN));

describe("server-rendered task data", () => {
  const { apiEnv } = apiEnvWithAuthBinding();
  const binding = { fetch: apiFetch(apiEnv) } as unknown as Fetcher;
  let cookie: string;
  let session: SessionIds;

  const serverApi = (api: Fetcher = binding, who: SessionIds = session) =>
    Promise.resolve(
      createTasksApi({
        baseUrl: "https://api.internal",
        userId: who.user.id,
        tokens: createTokenCache(() => mint(who)),
        fetch: apiFetcher(api),
      }),
    );

  beforeAll(async () => {
    ({ cookie } = await signUp("Server Reader"));
    session = (await (await authRequest("/get-session", { headers: { Cookie: cookie } })).json()) as SessionIds;
    const api = await serverApi();
    for (const title of ["first", "second", "third"]) await api.create({ title });
    await api.update((await api.list({ limit: "1" })).tasks[0]?.id ?? "", { completed: true });
  });

  it("reads the first page under a filter with a server-minted token, through the binding", async () => {
    const all = await loadTasksPage(serverApi(), "all");
    expect(all.list.ok && all.list.data.tasks.map((task) => task.title)).toEqual(["third", "second", "first"]);
    const completed = await loadTasksPage(serverApi(), "completed");
    expect(completed.list.ok && completed.list.data.tasks.map((task) => task.title)).toEqual(["third"]);
  });

  it("reads the dashboard's counts and recent tasks", async () => {
    const dashboard = await loadDashboard(serverApi());
    // Three tasks with no due date and no priority, one completed: the due and priority counts are of pending ones.
    expect(dashboard.summary).toEqual({
      ok: true,
      data: {
        total: 3,
        pending: 2,
        completed: 1,
        overdue: 0,
        due_today: 0,
        due_week: 0,
        by_priority: { none: 2, low: 0, medium: 0, high: 0, urgent: 0 },
      },
    });
    expect(dashboard.list.ok && dashboard.list.data.tasks).toHaveLength(3);
  });

  it("drops a label the person does not have from the URL's query, and lists without it", async () => {
    const api = await serverApi();
    const mine = await api.createLabel({ name: "Mine" });
    const [tagged] = (await api.list({ limit: "1" })).tasks;
    await api.attachLabel(tagged?.id ?? "", mine.id);
    const gone = crypto.randomUUID();
    const query = { ...DEFAULT_QUERY, labels: [mine.id, gone] };

    const first = await loadTasksPage(serverApi(), query);
    expect(first.query).toEqual({ ...query, labels: [mine.id] });
    expect(first.list.ok && first.list.data.tasks.map((task) => task.id)).toEqual([tagged?.id]);

    // Only unknown ones: the whole list, under no label.
    const onlyGone = await loadTasksPage(serverApi(), { ...DEFAULT_QUERY, labels: [gone] });
    expect(onlyGone.query?.labels).toEqual([]);
    expect(onlyGone.list.ok && onlyGone.list.data.tasks).toHaveLength(3);

    // Nothing to drop: the query as given, not a copy.
    const kept = { ...DEFAULT_QUERY, labels: [mine.id] };
    expect((await loadTasksPage(serverApi(), kept)).query).toBe(kept);
    await api.removeLabel(mine.id);
  });

  it("a binding answering without the API's body (worker down) is 'Cannot reach the tasks API'", async () => {
    const down = { fetch: async () => new Response("Couldn't find a local dev session", { status: 503 }) } as unknown as Fetcher;
    const first = await loadTasksPage(serverApi(down), "all");
    expect(first.list).toEqual({
      ok: false,
      error: "Cannot reach the tasks API. Check your connection and try again.",
      sessionEnded: false,
    });
  });

  it("the API's own 503 keeps its message", async () => {
    const failing = {
      fetch: async () =>
        Response.json(
          { code: "database_unavailable", message: "The database is unreachable; try again shortly." },
          { status: 503 },
        ),
    } as unknown as Fetcher;
    const first = await loadDashboard(serverApi(failing));
    expect(first.summary).toMatchObject({ ok: false, error: "The database is unreachable; try again shortly." });
  });

  it("the page's live ticket opens its socket, and nothing else: every task route refuses it", async () => {
    const ticket = await mintTicket(session);
    const api = apiFetch(apiEnv);
    const upgrade = await api(`https://api.test/api/${session.user.id}/live`, {
      headers: {
        Upgrade: "websocket",
        Origin: ORIGIN,
        "Sec-WebSocket-Protocol": `${LIVE_PROTOCOL}, ${BEARER_PROTOCOL_PREFIX}${ticket}`,
      },
    });
    expect(upgrade.status).toBe(101);
    upgrade.webSocket?.accept();
    upgrade.webSocket?.close(1000);

    const asBearer = { Authorization: `Bearer ${ticket}`, "Content-Type": "application/json" };
    const base = `https://api.test/api/${session.user.id}/tasks`;
    const requests: [string, RequestInit][] = [
      [base, {}],
      [`${base}/summary`, {}],
      [base, { method: "POST", body: JSON.stringify({ title: "with a ticket" }) }],
      [`${base}/${crypto.randomUUID()}`, { method: "DELETE" }],
    ];
    for (const [url, init] of requests) {
      const response = await api(url, { ...init, headers: asBearer });
      expect(response.status, `${init.method ?? "GET"} ${url}`).toBe(401);
      expect(await response.json()).toMatchObject({ code: "invalid_token", message: expect.stringContaining('"aud"') });
    }
  });

  it("an ended session is refused by the API and reported as such", async () => {
    const other = await signUp("Signs Out");
    const theirs = (await (await authRequest("/get-session", { headers: { Cookie: other.cookie } })).json()) as SessionIds;
    expect((await authPost("/sign-out", other.cookie)).status).toBe(200);
    const first = await loadTasksPage(serverApi(binding, theirs), "all");
    expect(first.list).toMatchObject({ ok: false, sessionEnded: true });
  });
});
