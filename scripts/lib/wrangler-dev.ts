/**
 * Runs `wrangler dev` as a child in its own process group and waits until it answers, so that
 * stopping it stops workerd too (signalling only the wrapper would leave workerd running).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { offlineEnv } from "./offline-env.ts";

export type WranglerDev = { url: string; process: ChildProcess; stop: () => Promise<void> };

export type WranglerDevOptions = {
  port: number;
  /** `--var NAME:VALUE` overrides (take precedence over wrangler.toml and .dev.vars). */
  vars?: Record<string, string>;
  /** Path answering 200 when the worker is up. */
  readyPath?: string;
  args?: string[];
  quiet?: boolean;
};

const WRANGLER = resolve(import.meta.dirname, "../../node_modules/wrangler/bin/wrangler.js");

export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const vars = Object.entries(options.vars ?? {}).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      "dev",
      "--port",
      String(options.port),
      "--ip",
      "127.0.0.1",
      "--show-interactive-dev-session=false",
      ...vars,
      ...(options.args ?? []),
    ],
    {
      detached: true,
      env: offlineEnv(),
      stdio: options.quiet ? ["ignore", "ignore", "inherit"] : ["ignore", "inherit", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${options.port}`;
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

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}${options.readyPath ?? "/health"}`);
      if (response.ok) return { url, process: child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer on ${url} within 90 s`);
}
