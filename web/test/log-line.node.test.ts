// The web worker's log lines (web/lib/log): one line of JSON each, bounded, token-free, whatever
// the values hold; and an error Better Auth throws instead of answering becomes one such line and
// a 500 JSON answer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answeringUnexpectedErrors } from "../lib/auth/json-errors.ts";
import { logLine, MAX_LINE_LENGTH } from "../lib/log/log-line.ts";

// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what is looked for.
const LINE_BREAK = /[\n\r\u000b\u000c\u0085\u2028\u2029]/;
const TOKEN = "Qx7Lm2Np9Rs4Tv6Wy8Za1Bc3";

describe("logLine", () => {
  it("is one bounded line of JSON that gives the values back as data (property)", () => {
    const value = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.integer({ min: 1_000, max: 20_000 }).map((n) => "\r\n\u2028\u0085\u202e".repeat(n)),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 10 }), value, { maxKeys: 20 }), (fields) => {
        const line = logLine(fields);
        expect(line).not.toMatch(LINE_BREAK);
        expect(line.length).toBeLessThanOrEqual(MAX_LINE_LENGTH);
        expect(typeof JSON.parse(line)).toBe("object");
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a short value as it was, and escapes what a viewer would take for a line break or a reordering", () => {
    expect(JSON.parse(logLine({ event: "x", path: "/tasks?status=done" }))).toEqual({ event: "x", path: "/tasks?status=done" });
    const line = logLine({ message: "a\nERROR forged\u2028b\u202ec" });
    expect(line).toBe('{"message":"a\\nERROR forged\\u2028b\\u202ec"}');
    expect(JSON.parse(line).message).toBe("a\nERROR forged\u2028b\u202ec");
  });

  it("redacts tokens wherever they sit, before cutting, so no part of one is left", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    for (const text of [TOKEN, `/reset-password/${TOKEN}?x=1`, `token=${TOKEN}&`, jwt, `${"a".repeat(290)} ${TOKEN}`]) {
      const line = logLine({ message: text });
      expect(line, text).not.toContain(TOKEN);
      expect(line, text).not.toContain(TOKEN.slice(0, 12));
      expect(line, text).not.toContain("eyJlbWFpbCI6ImFAYi5jIn0");
    }
  });
});

describe("answeringUnexpectedErrors", () => {
  it("answers a thrown error with 500 JSON and logs one safe line, never the error's text raw", async () => {
    const lines: string[] = [];
    const handle = answeringUnexpectedErrors(
      async () => {
        throw new Error(`failed for ada@example.com\nERROR forged line ${TOKEN}`);
      },
      (line) => lines.push(line),
    );
    const response = await handle(new Request(`https://tasks.example/api/auth/reset-password/${TOKEN}`));
    expect([response.status, await response.json()]).toEqual([
      500,
      { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side. Please try again." },
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(LINE_BREAK);
    expect(lines[0]).not.toContain(TOKEN);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ level: "error", event: "auth_unexpected_error", method: "GET" });
  });
});
