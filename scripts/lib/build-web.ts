/** Builds the web worker with OpenNext (`opennextjs-cloudflare build` in web/); returns seconds taken. */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { offlineEnv } from "./offline-env.ts";

const WEB = resolve(import.meta.dirname, "../../web");
const OPENNEXT = resolve(import.meta.dirname, "../../node_modules/@opennextjs/cloudflare/dist/cli/index.js");

export function buildWeb(options: { quiet?: boolean } = {}): number {
  const started = performance.now();
  execFileSync(process.execPath, [OPENNEXT, "build"], {
    cwd: WEB,
    env: offlineEnv({ NODE_ENV: "production" }),
    stdio: options.quiet ? ["ignore", "ignore", "inherit"] : "inherit",
  });
  return (performance.now() - started) / 1000;
}
