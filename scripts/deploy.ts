/**
 * `npm run deploy -- --env staging|production`: builds the web worker with OpenNext and deploys
 * both workers with wrangler. Run `npm run db:migrate` against Neon first (see README).
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { buildWeb } from "./lib/build-web.ts";
import { offlineEnv } from "./lib/offline-env.ts";

const ROOT = resolve(import.meta.dirname, "..");
const WRANGLER = resolve(ROOT, "node_modules/wrangler/bin/wrangler.js");

const envIndex = process.argv.indexOf("--env");
const target = envIndex >= 0 ? process.argv[envIndex + 1] : undefined;
if (target !== "staging" && target !== "production") {
  console.error("Usage: npm run deploy -- --env staging|production [--dry-run]");
  process.exit(1);
}
const extra = process.argv.includes("--dry-run") ? ["--dry-run"] : [];
const wrangler = (args: string[]) =>
  execFileSync(process.execPath, [WRANGLER, ...args], { cwd: ROOT, stdio: "inherit", env: offlineEnv() });

console.log(`Building the web worker (${buildWeb().toFixed(1)} s).`);
// The web worker first: the API worker's AUTH binding points at it.
wrangler(["deploy", "-c", "web/wrangler.toml", "--env", target, ...extra]);
wrangler(["deploy", "--env", target, ...extra]);
