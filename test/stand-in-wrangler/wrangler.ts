/**
 * A stand-in for `wrangler`, for testing `npm run deploy` without a Cloudflare account. It reads
 * the same configs with wrangler's own reader, records every call, and keeps the account's state
 * (workers, their secrets, bindings and routes) in the JSON file STAND_IN_WRANGLER_STATE. Like the
 * real service it refuses a service binding to a worker that does not exist, and a deploy whose
 * required secrets are neither stored on the worker nor in its --secrets-file, and one that
 * produces to or consumes a queue that does not exist. It understands `secret list`, `queues info`,
 * `queues create`, `deploy` and `deploy --dry-run`, answering as wrangler 4.164 does.
 */
import { existsSync, readFileSync, statSync, writeFileSync, writeSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseEnv } from "node:util";
import type { Unstable_Config } from "wrangler";

export type StandInWorker = {
  secrets: string[];
  bindings: string[];
  main: string;
  routes: string[];
  workersDev: boolean;
  previewUrls: boolean;
  crons: string[];
  deployments: number;
};
/** What the stand-in reads of a config: wrangler's own reader, remembered per file, environment and change. */
type ConfigSummary = Pick<
  Unstable_Config,
  "name" | "main" | "services" | "secrets" | "routes" | "workers_dev" | "preview_urls" | "triggers" | "queues"
>;
export type StandInState = {
  calls: string[][];
  workers: Record<string, StandInWorker>;
  /** The account's queues (`wrangler queues create`). */
  queues?: string[];
  configs?: Record<string, ConfigSummary>;
};

const stateFile = process.env.STAND_IN_WRANGLER_STATE;
if (!stateFile) throw new Error("STAND_IN_WRANGLER_STATE is not set");
const state: StandInState = existsSync(stateFile)
  ? (JSON.parse(readFileSync(stateFile, "utf8")) as StandInState)
  : { calls: [], workers: {} };

const args = process.argv.slice(2);
state.calls.push(args);
const option = (...names: string[]) => {
  const at = args.findIndex((arg) => names.includes(arg));
  return at >= 0 ? args[at + 1] : undefined;
};

// Loading wrangler takes seconds on a busy machine; the deploy test calls this many times.
async function readConfig(path: string, environment: string | undefined): Promise<ConfigSummary> {
  const key = `${path}|${environment ?? ""}|${statSync(path).mtimeMs}`;
  state.configs ??= {};
  const cached = state.configs[key];
  if (cached) return cached;
  const { unstable_readConfig } = await import("wrangler");
  const { name, main, services, secrets, routes, workers_dev, preview_urls, triggers, queues } = unstable_readConfig(
    { config: path, env: environment },
    { hideWarnings: true },
  );
  state.configs[key] = { name, main, services, secrets, routes, workers_dev, preview_urls, triggers, queues };
  return state.configs[key];
}

function finish(code: number, out = "", err = ""): never {
  writeFileSync(stateFile ?? "", `${JSON.stringify(state, null, 2)}\n`);
  // Synchronous writes: process.exit would cut short a pending write to a pipe.
  if (out) writeSync(1, `${out}\n`);
  if (err) writeSync(2, `✘ [ERROR] ${err}\n`);
  process.exit(code);
}

const env = option("--env", "-e");
const configPath = resolve(option("-c", "--config") ?? "wrangler.toml");
const config = await readConfig(configPath, env);
const name = option("--name") ?? config.name ?? "";
const existing = state.workers[name];

if (args[0] === "secret" && args[1] === "list") {
  if (!existing)
    finish(
      1,
      "",
      `Worker "${name}"${env ? ` (env: ${env})` : ""} not found.\n\nIf this is a new Worker, run \`wrangler deploy\` first to create it.`,
    );
  finish(
    0,
    JSON.stringify(
      existing.secrets.map((secret) => ({ name: secret, type: "secret_text" })),
      null,
      "  ",
    ),
  );
}

if (args[0] === "queues" && (args[1] === "info" || args[1] === "create")) {
  const queue = args[2] ?? "";
  state.queues ??= [];
  const queues = state.queues;
  if (args[1] === "info")
    queues.includes(queue)
      ? finish(0, `Queue Name: ${queue}\nNumber of Producers: 0`)
      : finish(1, "", `Queue "${queue}" does not exist. To create it, run: wrangler queues create ${queue}`);
  if (queues.includes(queue))
    finish(
      1,
      "",
      `A request to the Cloudflare API (/accounts/stand-in/queues) failed.\n  Queue name already taken [code: 11009]`,
    );
  queues.push(queue);
  finish(0, `🌀 Creating queue '${queue}'\n✅ Created queue '${queue}'.`);
}

if (args[0] === "deploy") {
  if (args.includes("--dry-run")) finish(0, `Total Upload: (stand-in)\n--dry-run: exiting now.`);
  const named = [
    ...(config.queues?.producers ?? []).map((producer) => producer.queue),
    ...(config.queues?.consumers ?? []).flatMap((consumer) => [consumer.queue, consumer.dead_letter_queue ?? ""]),
  ].filter((queue): queue is string => Boolean(queue));
  for (const queue of named)
    if (!state.queues?.includes(queue))
      finish(1, "", `Queue "${queue}" does not exist. To create it, run: wrangler queues create ${queue}`);
  for (const service of config.services ?? []) {
    if (!state.workers[service.service])
      finish(
        1,
        "",
        `A request to the Cloudflare API (/accounts/stand-in/workers/scripts/${name}/versions) failed.\n  Could not resolve service binding '${service.binding}'. Target script '${service.service}' not found. [code: 10143]`,
      );
  }
  const secretsFile = option("--secrets-file");
  const given = secretsFile
    ? Object.keys(
        secretsFile.endsWith(".json")
          ? JSON.parse(readFileSync(secretsFile, "utf8"))
          : parseEnv(readFileSync(secretsFile, "utf8")),
      )
    : [];
  const inherited = (config.secrets?.required ?? []).filter((secret) => !given.includes(secret));
  const unset = inherited.filter((secret) => !existing?.secrets.includes(secret));
  if (unset.length > 0)
    finish(
      1,
      "",
      existing
        ? `The following required secrets have not been set: ${unset.join(", ")}`
        : `The following required secrets have not been set: ${unset.join(", ")}\nThis Worker does not exist yet, so secrets cannot be set in advance with \`wrangler secret put\`.`,
    );
  state.workers[name] = {
    secrets: [...new Set([...(existing?.secrets ?? []), ...given])],
    bindings: (config.services ?? []).map((service) => `${service.binding}->${service.service}`),
    main: basename(config.main ?? ""),
    routes: (config.routes ?? []).map((route) => (typeof route === "string" ? route : route.pattern)),
    workersDev: config.workers_dev !== false,
    previewUrls: config.preview_urls !== false,
    crons: config.triggers?.crons ?? [],
    deployments: (existing?.deployments ?? 0) + 1,
  };
  finish(0, `Uploaded ${name} (stand-in)\nDeployed ${name} triggers (stand-in)`);
}

finish(1, "", `the stand-in wrangler does not know \`wrangler ${args.join(" ")}\``);
