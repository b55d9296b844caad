/**
 * One deployed environment as its two wrangler configs describe it: each worker's name, the
 * secrets it requires, the workers it binds, where it is served and its public origin.
 */
import { resolve } from "node:path";
import { type Unstable_Config, unstable_readConfig } from "wrangler";
import { ROOT } from "../wrangler.ts";

export type WorkerRole = "api" | "web";

export type DeployedWorker = {
  role: WorkerRole;
  /** The wrangler config, relative to the repository root. */
  configPath: string;
  name: string;
  compatibilityDate: string;
  requiredSecrets: string[];
  /** Names of the workers its service bindings point at. */
  binds: string[];
  /** The queues it produces to or consumes, dead-letter queues included: they must exist before it deploys. */
  queues: string[];
  /** The origin it is reached at (from the web worker's BETTER_AUTH_URL and API_URL). */
  origin: string;
  workersDev: boolean;
  previewUrls: boolean;
};

export type Environment = { api: DeployedWorker; web: DeployedWorker };

const CONFIGS: Record<WorkerRole, string> = { api: "wrangler.toml", web: "web/wrangler.toml" };

const read = (role: WorkerRole, env: string): Unstable_Config =>
  unstable_readConfig({ config: resolve(ROOT, CONFIGS[role]), env }, { hideWarnings: true });

export function readEnvironment(env: string): Environment {
  const api = read("api", env);
  const web = read("web", env);
  const origins: Record<WorkerRole, string> = {
    api: new URL(String(web.vars.API_URL)).origin,
    web: new URL(String(web.vars.BETTER_AUTH_URL)).origin,
  };
  const worker = (role: WorkerRole, config: Unstable_Config): DeployedWorker => ({
    role,
    configPath: CONFIGS[role],
    name: config.name ?? "",
    compatibilityDate: config.compatibility_date ?? "",
    requiredSecrets: config.secrets?.required ?? [],
    binds: (config.services ?? []).map((service) => service.service),
    queues: queuesOf(config),
    origin: origins[role],
    workersDev: config.workers_dev !== false,
    previewUrls: config.preview_urls !== false,
  });
  return { api: worker("api", api), web: worker("web", web) };
}

function queuesOf(config: Unstable_Config): string[] {
  const named = [
    ...(config.queues?.producers ?? []).map((producer) => producer.queue),
    ...(config.queues?.consumers ?? []).flatMap((consumer) => [consumer.queue, consumer.dead_letter_queue]),
  ];
  return [...new Set(named.filter((queue): queue is string => typeof queue === "string" && queue !== ""))];
}

/** What would serve a worker somewhere nobody configured an origin for. */
export function exposureProblems(environment: Environment): string[] {
  return [environment.web, environment.api].flatMap((worker) => [
    ...(worker.workersDev ? [`${worker.configPath} serves ${worker.name} on workers.dev (workers_dev = true)`] : []),
    ...(worker.previewUrls ? [`${worker.configPath} serves ${worker.name} on preview URLs (preview_urls = true)`] : []),
  ]);
}
