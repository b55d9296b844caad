/** The project's wrangler, run with Node 22 and the offline environment. */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { offlineEnv } from "./offline-env.ts";

export const ROOT = resolve(import.meta.dirname, "../..");
export const WRANGLER = resolve(ROOT, "node_modules/wrangler/bin/wrangler.js");

/** Runs `wrangler …args` from the repository root; returns its output when `capture` is set. */
export function runWrangler(args: string[], options: { capture?: boolean } = {}): string {
  const output = execFileSync(process.execPath, [WRANGLER, ...args], {
    cwd: ROOT,
    env: offlineEnv(),
    encoding: "utf8",
    stdio: options.capture ? "pipe" : "inherit",
  });
  return output ?? "";
}
