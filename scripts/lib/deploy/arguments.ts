/** `npm run deploy -- …`: what the operator asked for. */
import { parseArgs } from "node:util";

export const DEPLOYED_ENVIRONMENTS = ["staging", "production"] as const;
export type DeployedEnvironment = (typeof DEPLOYED_ENVIRONMENTS)[number];

export type DeployArguments = {
  env: DeployedEnvironment;
  dryRun: boolean;
  /** Build the web worker with OpenNext first (`--no-build` reuses the last build). */
  build: boolean;
  /** Files of secrets to upload with each worker (`wrangler deploy --secrets-file`): how a first deploy gets them. */
  secretsFiles: { api?: string; web?: string };
  /** Where to check the workers once deployed, instead of the configured origins (before DNS has settled, say). */
  verifyUrls: { api?: string; web?: string };
  verifyTimeoutSeconds: number;
  /** Serve staging or production on workers.dev or preview URLs too, if their config says so. */
  allowWorkersDev: boolean;
};

export const USAGE = `Usage: npm run deploy -- --env staging|production [options]
  --dry-run               bundle both workers and show the plan; change nothing
  --no-build              reuse the last OpenNext build of the web worker
  --api-secrets <file>    secrets for the API worker (.env or JSON), uploaded with it
  --web-secrets <file>    secrets for the web worker (.env or JSON), uploaded with it
  --api-url <url>         check the API worker here instead of the configured origin
  --web-url <url>         check the web worker here instead of the configured origin
  --verify-timeout <s>    how long the checks may take to pass (default 120)
  --allow-workers-dev     let staging or production be served on workers.dev or preview URLs
The database URL for the migrations (the owner's, as the web worker's DATABASE_URL) is read from
DATABASE_URL in the environment or from the web secrets file.`;

export function parseDeployArguments(argv: string[]): DeployArguments {
  const { values } = parseArgs({
    args: argv,
    options: {
      env: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      "api-secrets": { type: "string" },
      "web-secrets": { type: "string" },
      "api-url": { type: "string" },
      "web-url": { type: "string" },
      "verify-timeout": { type: "string", default: "120" },
      "allow-workers-dev": { type: "boolean", default: false },
    },
    strict: true,
  });
  const env = values.env;
  if (!DEPLOYED_ENVIRONMENTS.includes(env as DeployedEnvironment))
    throw new Error(`--env must be ${DEPLOYED_ENVIRONMENTS.join(" or ")}${env ? `, got "${env}"` : ""}`);
  const timeout = Number(values["verify-timeout"]);
  if (!Number.isFinite(timeout) || timeout < 0)
    throw new Error(`--verify-timeout must be seconds, got "${values["verify-timeout"]}"`);
  for (const flag of ["api-url", "web-url"] as const) {
    const url = values[flag];
    if (url && !URL.canParse(url)) throw new Error(`--${flag} must be a URL, got "${url}"`);
  }
  return {
    env: env as DeployedEnvironment,
    dryRun: values["dry-run"],
    build: !values["no-build"],
    secretsFiles: { api: values["api-secrets"], web: values["web-secrets"] },
    verifyUrls: { api: values["api-url"], web: values["web-url"] },
    verifyTimeoutSeconds: timeout,
    allowWorkersDev: values["allow-workers-dev"],
  };
}
