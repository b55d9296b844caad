/**
 * A stand-in for the API worker during an environment's first deploy (order.ts): a worker of the
 * same name that answers 503 to everything, with no bindings, no routes, and not on workers.dev,
 * written to a temporary folder with a config of its own.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DeployedWorker } from "./environment.ts";

const SCRIPT = `export default {
  fetch: () =>
    Response.json({ code: "deploying", message: "This worker is being deployed for the first time." }, { status: 503 }),
};
`;

/** Writes the placeholder; returns its wrangler config's path. */
export function writePlaceholder(worker: DeployedWorker): string {
  const folder = mkdtempSync(join(tmpdir(), "deploy-placeholder-"));
  writeFileSync(join(folder, "placeholder.js"), SCRIPT);
  const config = {
    name: worker.name,
    main: "placeholder.js",
    compatibility_date: worker.compatibilityDate,
    workers_dev: false,
    preview_urls: false,
  };
  writeFileSync(join(folder, "wrangler.json"), `${JSON.stringify(config, null, 2)}\n`);
  return join(folder, "wrangler.json");
}
