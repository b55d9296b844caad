// The export, GET /api/:userId/tasks/export: every task of the person with its labels, as JSON or
// CSV, streamed a page at a time (each page one statement that also checks the session, read only
// when the client has taken the previous one); CSV cells that a spreadsheet would run as a formula
// are neutralised, whatever their text; the guards and errors of every task route.
import { env } from "cloudflare:workers";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { labels, session, taskLabels, tasks } from "../../drizzle/index.ts";
import type { ExportCursor, ExportedTask } from "../src/data/task-export.ts";
import { CSV_COLUMNS, csvRows } from "../src/lib/task-export-formats.ts";
import { taskExportStream } from "../src/lib/task-export-stream.ts";
import { call, callStreamed, createUser, dbFor, json, sessionIdFor, signToken, testEnv } from "./helpers.ts";

// csv-stringify also neutralises the full-width forms, which Apple Numbers reads as the ASCII ones.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The export's CSV file, whose byte order mark the parser drops; `csvRows`' output has none. */
const parseCsv = (text: string, bom = true): string[][] => parse(text, { bom, relax_column_count: false });

describe("CSV cells", () => {
  // Any text, with the characters that start a formula (and CSV's own specials) over-represented.
  const cell = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc
      .tuple(
        fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "'", " ", "\uFEFF", "\uFF1D", "\uFF0D"),
        fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "a", " "), maxLength: 20 }),
      )
      .map(([head, tail]) => head + tail),
  );

  it("read back as written, except a leading ' before a formula start, which they never begin with", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = Math.max(...rows.map((row) => row.length));
        const square = rows.map((row) => [...row, ...Array(width - row.length).fill("x")]);
        const read = parseCsv(csvRows(square), false);
        const expected = square.map((row) => row.map((text) => (FORMULA_START.test(text) ? `'${text}` : text)));
        expect(read).toEqual(expected);
        for (const text of read.flat()) expect(text).not.toMatch(FORMULA_START);
      }),
      { numRuns: 500 },
    );
  });

  it("end rows in CRLF and quote only what needs it (RFC 4180)", () => {
    expect(csvRows([["a", "b,c", 'say "hi"', "two\nlines"]])).toBe('a,"b,c","say ""hi""","two\nlines"\r\n');
  });
});

describe("the export stream", () => {
  it("reads a page only when the client asks for the next chunk, never ahead", async () => {
    const task = (i: number) =>
      ({ id: `00000000-0000-4000-8000-00000000000${i}`, createdAt: new Date(i), labels: [] }) as unknown as ExportedTask;
    const reads: number[] = [];
    const readAfter = async (cursor: ExportCursor) => {
      const next = cursor.createdAt.getTime() + 1;
      reads.push(next);
      return { tasks: [task(next)], more: next < 3 };
    };
    const encoder = { contentType: "text/plain", start: "[", page: (tasks: ExportedTask[]) => `${tasks.length}`, end: "]" };
    const { body, done } = taskExportStream({ tasks: [task(1)], more: true }, readAfter, encoder);
    const reader = body.getReader();
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    await settle();
    expect(reads).toEqual([]);
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("[1");
    await settle();
    expect(reads).toEqual([]);
    await reader.read();
    await settle();
    expect(reads).toEqual([2]);
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("1]");
    expect(reads).toEqual([2, 3]);
    expect((await reader.read()).done).toBe(true);
    await done;
  });
});

describe.each(["http", "ws"] as const)("GET /api/:userId/tasks/export over Neon's %s transport", (transport) => {
  const api = testEnv({ DB_TRANSPORT: transport });

  /** A person with `count` tasks, all created at one instant (ties the keyset must break by id). */
  async function person(count: number) {
    const userId = await createUser(api);
    const token = await signToken(userId);
    const { db } = dbFor(api);
    const rows =
      count === 0
        ? []
        : await db
            .insert(tasks)
            .values(Array.from({ length: count }, (_, i) => ({ userId, title: `task ${i}` })))
            .returning();
    const exportFile = (query = "", init: { token?: string } = {}) =>
      call(api, `/api/${userId}/tasks/export${query}`, { token, ...init });
    return { userId, token, ids: rows.map((row) => row.id).sort(), exportFile };
  }

  it("answers JSON: every task as the API shows it, oldest first, with its labels' names and colours", async () => {
    const { userId, token, exportFile } = await person(0);
    const send = (path: string, body: unknown) =>
      call(api, `/api/${userId}${path}`, { token, method: "POST", body: JSON.stringify(body) });
    const first = await json<{ id: string }>(await send("/tasks", { title: "Buy milk", due: { date: "2026-12-31" } }));
    const second = await json<{ id: string }>(await send("/tasks", { title: "Call", description: "mum", priority: "high" }));
    const work = await json<{ id: string }>(await send("/labels", { name: "work", color: "blue" }));
    const home = await json<{ id: string }>(await send("/labels", { name: "Home", color: "green" }));
    for (const label of [work, home]) {
      expect((await call(api, `/api/${userId}/tasks/${second.id}/labels/${label.id}`, { token, method: "PUT" })).status).toBe(
        200,
      );
    }

    const response = await exportFile();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="tasks-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    const file = await json<{ exported_at: string; tasks: Record<string, unknown>[] }>(response);
    expect(Date.parse(file.exported_at)).not.toBeNaN();
    expect(file.tasks.map((task) => task.id)).toEqual([first.id, second.id]);
    expect(file.tasks[0]).toMatchObject({ title: "Buy milk", due: { date: "2026-12-31" }, label_ids: [], labels: [] });
    expect(file.tasks[1]).toMatchObject({
      title: "Call",
      description: "mum",
      priority: "high",
      completed: false,
      label_ids: [work.id, home.id].sort(),
      labels: [
        { id: home.id, name: "Home", color: "green" },
        { id: work.id, name: "work", color: "blue" },
      ],
    });
    // Exactly the API's own task, plus `labels`.
    const { labels: _, ...asTheApiShowsIt } = file.tasks[1] ?? {};
    expect(asTheApiShowsIt).toEqual(await json(await call(api, `/api/${userId}/tasks/${second.id}`, { token })));
  });

  it("answers CSV: a header, a row per task, formulas neutralised, labels by name", async () => {
    const { userId, exportFile } = await person(0);
    const { db } = dbFor(api);
    const [task] = await db
      .insert(tasks)
      .values({ userId, title: '=HYPERLINK("https://evil.example","click")', description: "-2+3", priority: 4 })
      .returning();
    const [label] = await db.insert(labels).values({ userId, name: "@team" }).returning();
    if (!task || !label) throw new Error("seeding failed");
    await db.insert(taskLabels).values({ taskId: task.id, labelId: label.id });

    const response = await exportFile("?format=csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="tasks-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // The byte order mark (which `text()` would drop), then the header.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFFid,title,")).toBe(true);
    const [header, row, ...rest] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rest).toEqual([]);
    const cells = Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, row?.[i]]));
    expect(cells).toMatchObject({
      id: task.id,
      title: `'=HYPERLINK("https://evil.example","click")`,
      description: "'-2+3",
      priority: "urgent",
      completed: "false",
      due: "",
      labels: "'@team",
    });
  });

  it("reads one page per statement, each only when the client has taken the one before", async () => {
    const { userId, token, ids, exportFile } = await person(7);
    const databaseRequests = async () =>
      ((await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number }).httpRequests;

    for (const format of ["json", "csv"] as const) {
      const before = await databaseRequests();
      const { response, settled } = await callStreamed(api, `/api/${userId}/tasks/export?format=${format}&page_size=2`, {
        token,
      });
      expect(response.status).toBe(200);
      // The token's key lookup is cached by now: the one request so far is the first page.
      if (transport === "http") expect((await databaseRequests()) - before, format).toBe(1);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = "";
      let chunks = 0;
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        text += decoder.decode(read.value, { stream: true });
        chunks++;
      }
      await settled();
      // 7 tasks in pages of 2: 2, 2, 2, 1, each read (with one row more, to see whether more remain) by one statement.
      if (transport === "http") expect((await databaseRequests()) - before, format).toBe(4);
      expect(chunks, format).toBe(4);
      const exported =
        format === "json"
          ? (JSON.parse(text) as { tasks: { id: string }[] }).tasks.map((task) => task.id)
          : parseCsv(text)
              .slice(1)
              .map((row) => row[0]);
      // All created at one instant: ordered by id, none lost or repeated at a page boundary.
      expect(exported, format).toEqual(ids);
      const whole = await exportFile(`?format=${format}`);
      const wholeText = await whole.text();
      expect(wholeText.replace(/"exported_at":"[^"]+"/, ""), format).toBe(text.replace(/"exported_at":"[^"]+"/, ""));
    }
  });

  it("answers an empty list for a person with no tasks", async () => {
    const { exportFile } = await person(0);
    expect((await json(await exportFile())).tasks).toEqual([]);
    expect(parseCsv(await (await exportFile("?format=csv")).text())).toEqual([[...CSV_COLUMNS]]);
  });

  it("keeps to the token's own person (403 for another's), needs a token (401), and checks its query (422)", async () => {
    const { userId, token, exportFile } = await person(1);
    const other = await person(1);
    const theirs = await call(api, `/api/${other.userId}/tasks/export`, { token });
    expect(theirs.status).toBe(403);
    expect(await json(theirs)).toMatchObject({ code: "forbidden" });
    const anonymous = await call(api, `/api/${userId}/tasks/export`);
    expect(anonymous.status).toBe(401);
    expect(await json(anonymous)).toMatchObject({ code: "missing_token" });
    for (const query of ["?format=xlsx", "?page_size=0", "?page_size=1001", "?page_size=x", "?sort=due"]) {
      const response = await exportFile(query);
      expect(response.status, query).toBe(422);
      expect(await json(response), query).toMatchObject({ code: "validation_failed" });
    }
    const wrongMethod = await call(api, `/api/${userId}/tasks/export`, { token, method: "POST" });
    expect(wrongMethod.status).toBe(405);
  });

  it("answers 401 session_revoked once the session has ended, with no file", async () => {
    const { userId, exportFile } = await person(1);
    await dbFor(api)
      .db.delete(session)
      .where(eq(session.id, sessionIdFor(userId)));
    const response = await exportFile("?format=csv");
    expect(response.status).toBe(401);
    expect(response.headers.get("Content-Disposition")).toBeNull();
    expect(await json(response)).toMatchObject({ code: "session_revoked" });
  });
});
