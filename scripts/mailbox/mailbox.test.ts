// The dev mailbox from Node: what the local transport posts, what a person and a test read, and
// hostile input as a class (tables, then random requests): every answer is < 500, errors are JSON.
import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "./captured-message.ts";
import { type Mailbox, startMailbox } from "./index.ts";

let mailbox: Mailbox;
const logs: string[] = [];

beforeAll(async () => {
  mailbox = await startMailbox({ port: 0, log: (line) => logs.push(line), limit: 5 });
});
afterAll(() => mailbox.stop());
beforeEach(async () => {
  await fetch(`${mailbox.url}/api/messages`, { method: "DELETE" });
});

const message = (overrides: Record<string, unknown> = {}) => ({
  from: "Edge Tasks <no-reply@localhost>",
  to: "ada@example.com",
  subject: "Verify your e-mail for Edge Tasks",
  html: '<p>Hi</p><a href="http://localhost:3000/api/auth/verify-email?token=abc&amp;callbackURL=%2Fdashboard">Verify</a>',
  text: "Verify: http://localhost:3000/api/auth/verify-email?token=abc&callbackURL=%2Fdashboard",
  ...overrides,
});

const post = (body: unknown, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
  fetch(`${mailbox.url}/messages`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A request with full control of method, target and headers (fetch refuses to set Host). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<Raw> {
  const { port } = new URL(mailbox.url);
  return new Promise((resolve, reject) => {
    // Node's client frames a GET or DELETE body only with an explicit length (or chunking).
    const framing =
      body === undefined || "Content-Length" in headers || "Transfer-Encoding" in headers
        ? {}
        : { "Content-Length": String(Buffer.byteLength(body)) };
    const allHeaders = { ...framing, ...headers };
    const request = httpRequest(
      { host: "127.0.0.1", port, method, path, headers: allHeaders, setHost: !("Host" in headers) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const expectJsonError = (answer: Raw, status: number) => {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.headers["content-type"]).toBe("application/json");
  const parsed = JSON.parse(answer.body);
  expect(typeof parsed.code).toBe("string");
  expect(typeof parsed.message).toBe("string");
};

describe("capturing and reading", () => {
  it("keeps a posted message and serves it as JSON with its links decoded, filtered by recipient", async () => {
    const created = await post(message());
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await post(message({ to: "bob@example.com", subject: "Reset your Edge Tasks password" }));

    const all = (await (await fetch(`${mailbox.url}/api/messages`)).json()) as { messages: { id: string; subject: string }[] };
    expect(all.messages.map((m) => m.subject)).toEqual(["Reset your Edge Tasks password", "Verify your e-mail for Edge Tasks"]);

    const mine = await (await fetch(`${mailbox.url}/api/messages?to=${encodeURIComponent("ADA@example.com")}`)).json();
    expect(mine.messages).toHaveLength(1);
    expect(mine.messages[0]).toMatchObject({
      id,
      to: "ada@example.com",
      links: ["http://localhost:3000/api/auth/verify-email?token=abc&callbackURL=%2Fdashboard"],
    });
    expect(mailbox.messages()).toHaveLength(2);
    expect(logs).toContain("mail to ada@example.com: Verify your e-mail for Edge Tasks");
  });

  it("keeps only the newest messages (limit 5 here, 200 by default)", async () => {
    for (let i = 1; i <= 8; i++) await post(message({ subject: `n${i}` }));
    expect(mailbox.messages().map((m) => m.subject)).toEqual(["n8", "n7", "n6", "n5", "n4"]);
    const oldest = mailbox.messages().at(-1)?.id ?? "";
    expect((await fetch(`${mailbox.url}/messages/${Number(oldest) - 1}`)).status).toBe(404);
  });

  it("empties on DELETE /api/messages", async () => {
    await post(message());
    expect((await fetch(`${mailbox.url}/api/messages`, { method: "DELETE" })).status).toBe(204);
    expect(mailbox.messages()).toEqual([]);
  });

  it("serves a message's HTML as a sandboxed page that runs nothing and loads nothing, and its text part", async () => {
    const hostile = '<script>alert(1)</script><img src="https://tracker.example/p.gif"><a href="http://localhost:3000/x">go</a>';
    const { id } = (await (await post(message({ html: hostile }))).json()) as { id: string };
    const page = await fetch(`${mailbox.url}/messages/${id}`);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp.split(";").map((d) => d.trim())).toEqual(expect.arrayContaining(["sandbox", "default-src 'none'"]));
    expect(csp).not.toMatch(/allow-scripts|allow-same-origin|script-src/);
    expect(await page.text()).toBe(hostile);

    const text = await fetch(`${mailbox.url}/messages/${id}/text`);
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(text.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await text.text()).toBe(message().text);
  });

  it("lists messages on its page, newest first, with every value escaped and no script allowed", async () => {
    await post(message({ subject: "the older one" }));
    await post(message({ subject: "<script>alert(1)</script>", to: '"><img@x.example' }));
    const page = await fetch(`${mailbox.url}/`);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).not.toContain("<script>");
    expect(html).not.toContain('"><img');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html.indexOf("&lt;script&gt;")).toBeLessThan(html.indexOf("the older one"));
  });
});

describe("idempotency keys", () => {
  const json = { "Content-Type": "application/json" };
  it("keeps one message per Idempotency-Key: a repeat is accepted (200, the first id) and not stored again", async () => {
    const key = crypto.randomUUID();
    const first = await post(message(), { ...json, "Idempotency-Key": key });
    const again = await post(message(), { ...json, "Idempotency-Key": key });
    const other = await post(message(), { ...json, "Idempotency-Key": crypto.randomUUID() });
    const unkeyed = [await post(message()), await post(message())];
    expect([first.status, again.status, other.status, ...unkeyed.map((r) => r.status)]).toEqual([201, 200, 201, 201, 201]);
    const firstId = ((await first.json()) as { id: string }).id;
    expect(await again.json()).toEqual({ id: firstId, duplicate: true });
    expect(mailbox.messages().filter((m) => m.idempotencyKey === key)).toHaveLength(1);
    expect(mailbox.messages()).toHaveLength(4);
  });

  it("keeps the keys across a restart that keeps its messages", async () => {
    const own = await startMailbox({ port: 0, log: () => {} });
    const key = crypto.randomUUID();
    expect(
      (
        await fetch(`${own.url}/messages`, {
          method: "POST",
          headers: { ...json, "Idempotency-Key": key },
          body: JSON.stringify(message()),
        })
      ).status,
    ).toBe(201);
    await own.stop();
    const back = await startMailbox({ port: Number(new URL(own.url).port), log: () => {}, store: own.store });
    try {
      const repeat = await fetch(`${back.url}/messages`, {
        method: "POST",
        headers: { ...json, "Idempotency-Key": key },
        body: JSON.stringify(message()),
      });
      expect(repeat.status).toBe(200);
      expect(back.messages()).toHaveLength(1);
    } finally {
      await back.stop();
    }
  });

  it.each(["", " ", "a b", "é", "x".repeat(257), "a\tb"])(
    "refuses the key %j with a JSON 400 and stores nothing",
    async (key) => {
      const response = await raw("POST", "/messages", { ...json, "Idempotency-Key": key }, JSON.stringify(message()));
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({ code: "invalid_idempotency_key" });
      expect(mailbox.messages()).toHaveLength(0);
    },
  );
});

describe("who may talk to it", () => {
  it("refuses a foreign Origin (another page, the sandboxed `null`, another port) on every route", async () => {
    const { port } = new URL(mailbox.url);
    for (const origin of ["https://evil.example", "null", `http://127.0.0.1:${Number(port) + 1}`, "http://localhost:3000"]) {
      for (const [method, path] of [
        ["GET", "/"],
        ["GET", "/api/messages"],
        ["DELETE", "/api/messages"],
        ["POST", "/messages"],
      ] as const) {
        const answer = await raw(method, path, { Origin: origin, "Content-Type": "application/json" }, JSON.stringify(message()));
        expectJsonError(answer, 403);
      }
    }
    expect(mailbox.messages()).toEqual([]);
  });

  it("refuses a Host that is not its own (DNS rebinding)", async () => {
    const { port } = new URL(mailbox.url);
    for (const host of [
      `evil.example:${port}`,
      "evil.example",
      `127.0.0.1:${Number(port) + 1}`,
      `rebind.127.0.0.1.nip.io:${port}`,
      "",
    ]) {
      expectJsonError(await raw("GET", "/api/messages", { Host: host }), 403);
    }
  });

  it("lets its own page and local tools through (no Origin, or its own; 127.0.0.1 or localhost)", async () => {
    const { port } = new URL(mailbox.url);
    expect((await raw("GET", "/", { Origin: `http://localhost:${port}`, Host: `localhost:${port}` })).status).toBe(200);
    expect((await raw("GET", "/api/messages", { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await raw("GET", "/health", { Host: `LOCALHOST:${port}` })).status).toBe(200);
  });
});

describe("hostile input", () => {
  const badBodies: [string, string | Buffer, Record<string, string>, number][] = [
    ["malformed JSON", "{", { "Content-Type": "application/json" }, 400],
    ["empty body", "", { "Content-Type": "application/json" }, 400],
    ["invalid UTF-8", Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { "Content-Type": "application/json" }, 400],
    ["a JSON array", "[]", { "Content-Type": "application/json" }, 422],
    ["JSON null", "null", { "Content-Type": "application/json" }, 422],
    ["a number for the subject", JSON.stringify(message({ subject: 42 })), { "Content-Type": "application/json" }, 422],
    ["two recipients", JSON.stringify(message({ to: "a@x.example b@y.example" })), { "Content-Type": "application/json" }, 422],
    ["a missing html part", JSON.stringify({ ...message(), html: undefined }), { "Content-Type": "application/json" }, 422],
    ["__proto__ keys", '{"__proto__":{"x":1},"constructor":{}}', { "Content-Type": "application/json" }, 422],
    ["no content type", JSON.stringify(message()), {}, 415],
    ["text/plain", JSON.stringify(message()), { "Content-Type": "text/plain" }, 415],
    ["a form", "to=a%40b", { "Content-Type": "application/x-www-form-urlencoded" }, 415],
    [
      "a declared length over the limit",
      "{}",
      { "Content-Type": "application/json", "Content-Length": String(MAX_BODY_BYTES + 1) },
      413,
    ],
  ];

  it.each(badBodies)("answers %s with a JSON error", async (_name, body, headers, status) => {
    // A declared length larger than the body sent: answered before the body is read.
    const answer = await raw("POST", "/messages", headers, headers["Content-Length"] ? undefined : body);
    expectJsonError(answer, status);
    expect(mailbox.messages()).toEqual([]);
  });

  it("answers 413 to a chunked body that grows past the limit, and keeps serving", async () => {
    const big = JSON.stringify(message({ html: "x".repeat(MAX_BODY_BYTES) }));
    const answer = await raw("POST", "/messages", { "Content-Type": "application/json", "Transfer-Encoding": "chunked" }, big);
    expectJsonError(answer, 413);
    expect((await fetch(`${mailbox.url}/health`)).status).toBe(200);
  });

  it.each([
    ["GET", "/nowhere", 404],
    ["GET", "/messages/abc", 404],
    ["GET", "/messages/999999999999", 404],
    ["GET", "/messages/99999999999999999999999", 404],
    ["GET", "/messages/1/html", 404],
    ["GET", "//evil.example/api/messages", 404],
    ["GET", "/%", 404],
    ["GET", "*", 400],
    ["GET", "http://127.0.0.1/api/messages", 400],
    ["GET", "/api/messages/../../etc/passwd", 404],
    ["PUT", "/api/messages", 405],
    ["PATCH", "/", 405],
    ["OPTIONS", "/messages", 405],
    ["GET", "/messages", 405],
    ["DELETE", "/messages/1", 405],
  ])("answers %s %s with %i and JSON", async (method, path, status) => {
    expectJsonError(await raw(method, path), status);
  });

  it("answers bytes that are not HTTP with a JSON 400", async () => {
    const { port } = new URL(mailbox.url);
    const { connect } = await import("node:net");
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), "127.0.0.1", () => socket.write("NOT HTTP AT ALL\r\n\r\n"));
      let data = "";
      socket.on("data", (chunk) => {
        data += chunk;
      });
      socket.on("close", () => resolve(data));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"bad_request"');
  });

  it("answers HEAD without a 5xx, and odd queries on the JSON route", async () => {
    expect((await raw("HEAD", "/")).status).toBe(200);
    for (const query of ["?to=", "?to=%E0%A4%A", "?to=a&to=b", "?to[]=x", `?to=${"a".repeat(10_000)}`]) {
      expect((await raw("GET", `/api/messages${query}`)).status).toBe(200);
    }
  });

  it("never answers 5xx to random methods, paths, headers and bodies", async () => {
    const method = fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
    const segment = fc.oneof(
      fc.constantFrom("messages", "api", "health", "1", "text", "..", "%2e", "%00", "%ff", ""),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
    );
    const path = fc.array(segment, { maxLength: 4 }).map((segments) => `/${segments.join("/")}`);
    const query = fc.option(
      fc.string({ maxLength: 40 }).map((q) => `?to=${encodeURIComponent(q)}`),
      { nil: "" },
    );
    const contentType = fc.option(
      fc.constantFrom(
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "text/plain",
        "multipart/form-data",
      ),
      { nil: undefined },
    );
    const field = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }));
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      fc
        .record({ from: field, to: field, subject: field, html: field, text: field }, { requiredKeys: [] })
        .map((r) => JSON.stringify(r)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(method, path, query, contentType, body, async (m, p, q, type, b) => {
        const headers: Record<string, string> = type ? { "Content-Type": type } : {};
        const answer = await raw(m, `${p}${q}`, headers, m === "GET" || m === "HEAD" ? undefined : b);
        expect(answer.status, `${m} ${p}${q} → ${answer.body}`).toBeLessThan(500);
        if (answer.status >= 400 && m !== "HEAD") expect(() => JSON.parse(answer.body)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
