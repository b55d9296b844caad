/** Runs `next dev` for web/ in its own process group and waits until Better Auth answers. */
import { resolve } from "node:path";
import { nextDevOutputFilter } from "./next-dev-output.ts";
import { offlineEnv } from "./offline-env.ts";
import { spawnGroup, waitUntilReady } from "./process-group.ts";
import type { RunningServer } from "./wrangler-dev.ts";

const WEB = resolve(import.meta.dirname, "../../web");
const NEXT = resolve(import.meta.dirname, "../../node_modules/next/dist/bin/next");

export async function startNextDev(options: { port: number; env?: Record<string, string> }): Promise<RunningServer> {
  const { child, stop } = spawnGroup(process.execPath, [NEXT, "dev", "--port", String(options.port), "--hostname", "127.0.0.1"], {
    cwd: WEB,
    env: offlineEnv(options.env),
    outputFilter: nextDevOutputFilter,
  });
  const url = `http://localhost:${options.port}`;
  try {
    await waitUntilReady(`${url}/api/auth/ok`, child, 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, process: child, stop };
}
