/**
 * Runs `wrangler dev` as a child in its own process group and waits until it answers, so that
 * stopping it stops workerd too (signalling only the wrapper would leave workerd running).
 */
import type { ChildProcess } from "node:child_process";
import { spawnGroup, waitUntilReady } from "./process-group.ts";
import { WRANGLER } from "./wrangler.ts";

export type RunningServer = { url: string; process: ChildProcess; stop: () => Promise<void> };

export type WranglerDevOptions = {
  port: number;
  /** `--var NAME:VALUE` overrides (take precedence over wrangler.toml and .dev.vars). */
  vars?: Record<string, string>;
  /** Path answering 200 when the worker is up. */
  readyPath?: string;
  args?: string[];
  quiet?: boolean;
  /** Rewrites (or keeps back) wrangler's output line by line; see spawnGroup. */
  outputFilter?: () => (line: string) => string[];
};

export async function startWranglerDev(options: WranglerDevOptions): Promise<RunningServer> {
  const vars = Object.entries(options.vars ?? {}).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  const args = [WRANGLER, "dev", "--port", String(options.port), "--ip", "127.0.0.1", "--show-interactive-dev-session=false"];
  const { child, stop } = spawnGroup(process.execPath, [...args, ...vars, ...(options.args ?? [])], {
    quiet: options.quiet,
    outputFilter: options.outputFilter,
  });
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilReady(`${url}${options.readyPath ?? "/health"}`, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, process: child, stop };
}
