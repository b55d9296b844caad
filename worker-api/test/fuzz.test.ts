// No input produces a 5xx: random paths, query strings, headers and bodies thrown at every route
// (tasks, labels, labels on tasks) with a valid token (and without one), over both transports,
// with the list's filters, search and sorts, and the export's format and page size, among the parameters. Every error answer is JSON with
// a string `code` and `message`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { call, createUser, signToken, testEnv } from "./helpers.ts";

const segment = fc.oneof(
  fc.constantFrom(
    "summary",
    "complete",
    "position",
    "labels",
    "bulk",
    "restore",
    "export",
    "",
    "..",
    ".",
    "%00",
    "%2F",
    "%ZZ",
    "tasks",
    "api",
    "null",
  ),
  fc.uuid(),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);
const queryValue = fc.oneof(
  fc.constantFrom("all", "pending", "completed", "asc", "desc", "0", "-1", "101", "1e3", "", "null", "[]"),
  fc.constantFrom("created", "due", "priority", "position", "overdue", "today", "week", "none", "urgent", "low"),
  fc.constantFrom("json", "csv", "1", "1000", "1001", "JSON"),
  fc.constantFrom("UTC", "Europe/Paris", "Mars/Olympus", "+14:00", "America/Santiago", "Etc/GMT-14"),
  fc.constantFrom("milk & !water", "'", ":*", "\\", "(", "<->", "a".repeat(201), "日本語", "x:*|y"),
  fc.integer().map(String),
  fc.uuid(),
  fc.string({ maxLength: 300 }),
);
const QUERY_KEYS = [
  "status",
  "order",
  "limit",
  "cursor",
  "sort",
  "label",
  "priority",
  "due",
  "tz",
  "q",
  "format",
  "page_size",
] as const;
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 10 })), queryValue), { maxLength: 6 })
  // Repeated keys too (`label=a&label=b`).
  .map((entries) => new URLSearchParams(entries).toString());
const jsonValue = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.double(),
  fc.array(fc.string()),
);
const due = fc.oneof(
  jsonValue,
  fc.record({ date: fc.oneof(jsonValue, fc.constantFrom("2026-02-30", "2026-12-31", "0000-01-01")) }, { requiredKeys: [] }),
  fc.record({
    at: fc.oneof(
      jsonValue,
      fc.date().map((d) => (Number.isNaN(d.getTime()) ? "x" : d.toISOString())),
    ),
  }),
);
const body = fc.oneof(
  fc.constant(undefined),
  fc
    .record(
      {
        title: jsonValue,
        description: jsonValue,
        completed: jsonValue,
        due,
        priority: fc.oneof(jsonValue, fc.constantFrom("none", "low", "medium", "high", "urgent")),
        position: fc.oneof(jsonValue, fc.constantFrom("a0", "a0V", "Zz", "a00", "A", "z".repeat(600))),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc
    .record({ name: jsonValue, color: fc.oneof(jsonValue, fc.constantFrom("red", "gray", "Red")) }, { requiredKeys: [] })
    .map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        action: fc.oneof(jsonValue, fc.constantFrom("complete", "reopen", "delete", "add_label", "remove_label")),
        ids: fc.oneof(jsonValue, fc.array(fc.oneof(fc.uuid(), fc.string()), { maxLength: 600 })),
        label_id: fc.oneof(jsonValue, fc.uuid()),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 500 }),
  fc.constant("x".repeat(70 * 1024)),
);
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const headers = fc.record(
  {
    "Content-Type": fc.oneof(
      fc.constantFrom("application/json", "text/plain", "application/json; charset=utf-8", ""),
      headerValue,
    ),
    Accept: headerValue,
    "X-Forwarded-For": headerValue,
    Origin: fc.constantFrom("http://localhost:3000", "https://evil.example", "null"),
  },
  { requiredKeys: [] },
);

describe.each(["http", "ws"] as const)("fuzzing every route over %s", (transport) => {
  it("never answers 5xx, and every error is { code, message }", async () => {
    const api = testEnv({ DB_TRANSPORT: transport });
    const userId = await createUser(api);
    const token = await signToken(userId);
    const request = fc.record({
      method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"),
      owner: fc.constantFrom(userId, userId, userId, crypto.randomUUID(), "%2e%2e"),
      collection: fc.constantFrom("tasks", "tasks", "labels"),
      segments: fc.array(segment, { maxLength: 3 }),
      query,
      headers,
      body,
      authorized: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const path = `/api/${r.owner}/${r.collection}${r.segments.map((s) => `/${s}`).join("")}${r.query ? `?${r.query}` : ""}`;
        const withBody = r.method !== "GET" && r.method !== "HEAD" && r.body !== undefined;
        const response = await call(api, path, {
          method: r.method,
          headers: r.headers,
          body: withBody ? r.body : undefined,
          token: r.authorized ? token : undefined,
        });
        expect(response.status, `${r.method} ${path}`).toBeLessThan(500);
        if (response.status >= 400 && r.method !== "HEAD") {
          const error = (await response.json()) as { code?: unknown; message?: unknown };
          expect(typeof error.code, `${r.method} ${path}`).toBe("string");
          expect(typeof error.message, `${r.method} ${path}`).toBe("string");
        }
      }),
      { numRuns: transport === "http" ? 400 : 100 },
    );
  });
});
