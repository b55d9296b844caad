/**
 * `wrangler` as the operator's shell finds it: first on the PATH (npm scripts put the project's
 * node_modules/.bin there; a test puts a stand-in before it), else the project's own.
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { delimiter, resolve } from "node:path";
import { offlineEnv } from "../offline-env.ts";
import { ROOT } from "../wrangler.ts";

const PATH = [process.env.PATH ?? "", resolve(ROOT, "node_modules/.bin")].join(delimiter);

export type WranglerResult = { ok: boolean; output: string };

/** Runs `wrangler …args` from the repository root; `capture` keeps the output instead of showing it. */
export function wrangler(args: string[], options: { capture?: boolean } = {}): WranglerResult {
  const result: SpawnSyncReturns<string> = spawnSync("wrangler", args, {
    cwd: ROOT,
    env: offlineEnv({ PATH }),
    encoding: "utf8",
    stdio: options.capture ? "pipe" : "inherit",
  });
  if (result.error) throw new Error(`could not run wrangler: ${result.error.message}`);
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

/** Like `wrangler`, but a failure stops the deploy with wrangler's own words. */
export function wranglerOrFail(args: string[], what: string): void {
  if (!wrangler(args).ok) throw new Error(`${what} failed (wrangler ${args.join(" ")}); wrangler's message is above`);
}

/**
 * The names of a deployed worker's secrets, or null when no worker of that name exists yet
 * (`wrangler secret list` answers `Worker "…" not found`).
 */
export function deployedSecretNames(configPath: string, env: string): string[] | null {
  const { ok, output } = wrangler(["secret", "list", "-c", configPath, "--env", env, "--format", "json"], { capture: true });
  if (!ok) {
    if (/Worker "[^"]+"(?: \(env: [^)]*\))? not found/.test(output)) return null;
    throw new Error(`wrangler secret list -c ${configPath} --env ${env} failed:\n${output.trim()}`);
  }
  const json = output.slice(output.indexOf("["));
  return (JSON.parse(json) as { name: string }[]).map((secret) => secret.name);
}

/**
 * Creates each queue the account does not have yet (`wrangler queues info` answers
 * `Queue "…" does not exist.` for those); returns the names it created.
 */
export function createMissingQueues(queues: string[]): string[] {
  const created: string[] = [];
  for (const queue of queues) {
    const { ok, output } = wrangler(["queues", "info", queue], { capture: true });
    if (ok) continue;
    if (!output.includes(`Queue "${queue}" does not exist`))
      throw new Error(`wrangler queues info ${queue} failed:\n${output.trim()}`);
    wranglerOrFail(["queues", "create", queue], `creating the queue ${queue}`);
    created.push(queue);
  }
  return created;
}
