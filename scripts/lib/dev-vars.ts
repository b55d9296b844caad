/**
 * Writes each worker's `.dev.vars` from its `.dev.vars.example` when missing, filling in a freshly
 * generated BETTER_AUTH_SECRET. An existing file is never overwritten.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const PLACEHOLDER = /^BETTER_AUTH_SECRET=.*$/m;

export function ensureDevVars(log: (line: string) => void = console.log): void {
  for (const folder of [ROOT, resolve(ROOT, "web")]) {
    const target = resolve(folder, ".dev.vars");
    if (existsSync(target)) {
      log(`kept ${target} (already exists)`);
      continue;
    }
    const example = readFileSync(resolve(folder, ".dev.vars.example"), "utf8");
    const secret = randomBytes(32).toString("base64");
    writeFileSync(target, example.replace(PLACEHOLDER, `BETTER_AUTH_SECRET=${secret}`), { mode: 0o600 });
    log(`wrote ${target}${PLACEHOLDER.test(example) ? " with a new BETTER_AUTH_SECRET" : ""}`);
  }
}

/** NAME of every `NAME=value` and `# NAME=value` line of a .dev.vars.example: what it tells a developer to set. */
export function documentedNames(example: string): string[] {
  return [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1] as string);
}
