import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { brokenGuards, NEXT_STAND_INS, writeNextStandIns } from "./next-stand-ins.ts";

const installedNext = dirname(createRequire(import.meta.url).resolve("next/package.json"));
const NEXT_FILES = [...new Set(NEXT_STAND_INS.flatMap((s) => [s.file, ...s.guards.map((g) => g.file)]))];

let copies: string[] = [];
afterEach(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  copies = [];
});

/** The files of the installed `next` that the stand-ins replace or check, in a folder of their own. */
function copyOfNext(): string {
  const dir = mkdtempSync(join(tmpdir(), "next-stand-ins-"));
  copies.push(dir);
  for (const file of NEXT_FILES) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(installedNext, file), join(dir, file));
  }
  return dir;
}

describe("Next stand-ins (the web worker's build)", () => {
  it("every call site that keeps them unreachable is still in the installed Next", () => {
    expect(brokenGuards(installedNext)).toEqual([]);
  });

  it("writes modules that throw a clear error if ever called", () => {
    const dir = copyOfNext();
    writeNextStandIns(dir);
    for (const standIn of NEXT_STAND_INS) {
      const module = createRequire(resolve(dir, "x.js"))(join(dir, standIn.file)) as Record<string, () => unknown>;
      const names = Object.keys(module);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(() => module[name]?.()).toThrow(/is a stand-in in this build/);
    }
  });

  // One table row per guard: with its call site changed, nothing is written and the build stops.
  const guards = NEXT_STAND_INS.flatMap((standIn) => standIn.guards.map((guard) => ({ standIn, guard })));
  it.each(guards)("refuses, and writes nothing, when $guard.file no longer matches $guard.contains", ({ standIn, guard }) => {
    const dir = copyOfNext();
    const path = join(dir, guard.file);
    writeFileSync(path, readFileSync(path, "utf8").replace(guard.contains, "/* changed by a Next upgrade */"));
    expect(() => writeNextStandIns(dir)).toThrow(/revisit scripts\/lib\/next-stand-ins\.ts/);
    expect(readFileSync(join(dir, standIn.file), "utf8")).toBe(readFileSync(join(installedNext, standIn.file), "utf8"));
  });
});
