import { describe, expect, it } from "vitest";
import { MIDDLEWARE_NOTE, nextDevOutputFilter } from "./next-dev-output.ts";

const run = (lines: string[]) => {
  const filter = nextDevOutputFilter();
  return lines.flatMap(filter);
};

describe("next dev output", () => {
  it("replaces Next's middleware-to-proxy advice (all its lines) with the project's note", () => {
    const warning = [
      '\x1b[33m\x1b[1m⚠\x1b[22m\x1b[39m The "middleware" file convention is deprecated. Please use "proxy" instead.',
      "",
      "  To migrate automatically, run:",
      "  npx @next/codemod@canary middleware-to-proxy .",
      "",
      "  Learn more: https://nextjs.org/docs/messages/middleware-to-proxy",
    ];
    expect(run(["▲ Next.js 16.4.6", ...warning, " ✓ Ready in 2.1s"])).toEqual([
      "▲ Next.js 16.4.6",
      MIDDLEWARE_NOTE,
      " ✓ Ready in 2.1s",
    ]);
  });

  it("passes every other line through unchanged, colours included", () => {
    const lines = ["\x1b[32m✓\x1b[39m Compiled /tasks", "", "GET /api/auth/ok 200 in 12ms"];
    expect(run(lines)).toEqual(lines);
  });
});
