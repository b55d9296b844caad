/**
 * `npm run deploy -- --env staging|production`: builds the web worker with OpenNext and deploys
 * both workers with wrangler. Run `npm run db:migrate` against Neon first (see README).
 */
import { buildWeb } from "./lib/build-web.ts";
import { runWrangler } from "./lib/wrangler.ts";

const envIndex = process.argv.indexOf("--env");
const target = envIndex >= 0 ? process.argv[envIndex + 1] : undefined;
if (target !== "staging" && target !== "production") {
  console.error("Usage: npm run deploy -- --env staging|production [--dry-run]");
  process.exit(1);
}
const extra = process.argv.includes("--dry-run") ? ["--dry-run"] : [];

console.log(`Building the web worker (${buildWeb().toFixed(1)} s).`);
// The web worker first: the API worker's AUTH binding points at it.
runWrangler(["deploy", "-c", "web/wrangler.toml", "--env", target, ...extra]);
runWrangler(["deploy", "--env", target, ...extra]);
