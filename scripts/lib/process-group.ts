/**
 * Child servers in their own process group, so that stopping one stops what it started too
 * (signalling only a wrapper such as wrangler's would leave workerd running).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Writable } from "node:stream";
import { offlineEnv } from "./offline-env.ts";

export type SpawnGroupOptions = {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  quiet?: boolean;
  /** Rewrites the child's output line by line (stdout and stderr each get their own). */
  outputFilter?: () => (line: string) => string[];
};

/** Copies `source` to `target` through a fresh line filter. */
function pipeFiltered(source: NodeJS.ReadableStream, target: Writable, filter: (line: string) => string[]) {
  createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) => {
    for (const kept of filter(line)) target.write(`${kept}\n`);
  });
}

/** Starts `command` in its own process group; `stop()` signals the whole group. */
export function spawnGroup(command: string, args: string[], options: SpawnGroupOptions) {
  const filtered = options.outputFilter !== undefined;
  const child = spawn(command, args, {
    cwd: options.cwd,
    detached: true,
    env: options.env ?? offlineEnv(),
    stdio: ["ignore", options.quiet ? "ignore" : filtered ? "pipe" : "inherit", filtered ? "pipe" : "inherit"],
  });
  if (options.outputFilter) {
    if (child.stdout) pipeFiltered(child.stdout, process.stdout, options.outputFilter());
    if (child.stderr) pipeFiltered(child.stderr, process.stderr, options.outputFilter());
  }
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((done) => child.once("exit", done));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, stop };
}

/** Polls `url` until it answers 2xx; fails if the child exits or the deadline passes. */
export async function waitUntilReady(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
