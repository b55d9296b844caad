// The tasks page's export links (web/lib/tasks/export-download.ts) against the real API worker
// through a service binding: the file streams through with only its own headers, a wrong format
// never reaches the API, an ended session goes to sign-in, and an API that cannot be reached is a 503
// with a message rather than an exception.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "../lib/auth/create-auth.ts";
import { mintServerApiToken, type SessionIds } from "../lib/auth/server-api-token.ts";
import { ApiError, createTasksApi, type TasksApi } from "../lib/tasks/api.ts";
import { apiFetcher } from "../lib/tasks/api-fetcher.ts";
import { EXPORT_PATH, exportDownload } from "../lib/tasks/export-download.ts";
import { createTokenCache } from "../lib/tasks/token-cache.ts";
import { apiEnvWithAuthBinding, apiFetch, authEnv, authRequest, ORIGIN, signUp } from "./workers-helpers.ts";

async function mint(session: SessionIds): Promise<string> {
  const ctx = createExecutionContext();
  try {
    return await mintServerApiToken(createAuth(authEnv, ctx), session);
  } finally {
    await waitOnExecutionContext(ctx);
  }
}

const exportUrl = (query: string) => new URL(`${EXPORT_PATH}${query}`, ORIGIN);
const neverCalled = () => Promise.reject(new Error("the API must not be asked"));

describe("export download", () => {
  const { apiEnv } = apiEnvWithAuthBinding();
  const binding = { fetch: apiFetch(apiEnv) } as unknown as Fetcher;
  let api: () => Promise<TasksApi>;

  beforeAll(async () => {
    const { cookie } = await signUp("Exporter");
    const session = (await (await authRequest("/get-session", { headers: { Cookie: cookie } })).json()) as SessionIds;
    api = async () =>
      createTasksApi({
        baseUrl: "https://api.internal",
        userId: session.user.id,
        tokens: createTokenCache(() => mint(session)),
        fetch: apiFetcher(binding),
      });
    const tasks = await api();
    for (const title of ["=1+1", "plain"]) await tasks.create({ title });
  });

  it("passes the API's CSV file through, with its name and not cached", async () => {
    const response = await exportDownload(exportUrl("?format=csv"), api);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="tasks-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    // Only the file's own headers: nothing else of the API's answer (its request id, its CORS) leaks through.
    expect([...response.headers.keys()].sort()).toEqual(["cache-control", "content-disposition", "content-type"]);
    const text = await response.text();
    expect(text).toContain("'=1+1");
    expect(text).toContain("plain");
  });

  it("passes the JSON file through", async () => {
    const response = await exportDownload(exportUrl("?format=json"), api);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { tasks: { title: string }[] };
    expect(body.tasks.map((task) => task.title).sort()).toEqual(["=1+1", "plain"]);
  });

  it.each(["", "?format=", "?format=xlsx", "?format=CSV", "?format=csv%00", "?format[]=csv", "?fmt=csv"])(
    "answers %j with a 422 naming the format, without asking the API",
    async (query) => {
      const response = await exportDownload(exportUrl(query), neverCalled);
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({
        code: "validation_failed",
        message: "The request query is invalid.",
        details: { format: ["format must be csv or json"] },
      });
    },
  );

  it("sends a person whose session ended to sign-in, back to the tasks afterwards", async () => {
    const ended = () => Promise.reject(new ApiError("Your session has ended.", 401, "session_ended"));
    const response = await exportDownload(exportUrl("?format=csv"), ended);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${ORIGIN}/signin?from=%2Ftasks`);
  });

  it("answers 503 with the API's message when the API cannot be reached", async () => {
    const down = { fetch: () => Promise.reject(new TypeError("connection refused")) } as unknown as Fetcher;
    const unreachable = async () =>
      createTasksApi({
        baseUrl: "https://api.internal",
        userId: "u",
        tokens: createTokenCache(async () => "t"),
        fetch: apiFetcher(down),
      });
    const response = await exportDownload(exportUrl("?format=json"), unreachable);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: "network_error" });
  });
});
