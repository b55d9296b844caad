/**
 * `npm run deploy -- --env staging|production`: brings an environment up from nothing, or updates
 * it. In order, stopping at the first problem:
 * 1. checks both configs (no workers.dev or preview URLs unless `--allow-workers-dev`) and each
 *    worker's required secrets (stored on it, or in the file given with `--api-secrets` /
 *    `--web-secrets`), naming every missing one before anything changes;
 * 2. plans the migrations (scripts/lib/deploy/migration-plan.ts) and builds the web worker;
 * 3. applies the expand steps, creates the queues the workers use when missing (the web worker's
 *    mail queue and its dead-letter queue), deploys the workers in an order that works even when neither exists
 *    yet (scripts/lib/deploy/order.ts), and verifies them (/health, /ready, the JWKS);
 * 4. applies the contract steps, now that the new release is up, and prints the URLs.
 * `--dry-run` bundles both workers and prints the plan without touching the account or the database.
 */
import { buildWeb } from "./lib/build-web.ts";
import { type DeployArguments, parseDeployArguments, USAGE } from "./lib/deploy/arguments.ts";
import { type DeployedWorker, type Environment, exposureProblems, readEnvironment } from "./lib/deploy/environment.ts";
import { describeMigrations, planMigrations } from "./lib/deploy/migration-plan.ts";
import { deployOrder } from "./lib/deploy/order.ts";
import { writePlaceholder } from "./lib/deploy/placeholder.ts";
import { missingSecrets, readSecretsFile } from "./lib/deploy/secrets.ts";
import { verifyDeployment } from "./lib/deploy/verify.ts";
import { createMissingQueues, deployedSecretNames, wranglerOrFail } from "./lib/deploy/wrangler-cli.ts";
import { type Migration, readMigrations } from "./lib/migrations/migration-files.ts";
import { applyMigrations, pendingMigrations } from "./local-db/apply-migrations.ts";
import { redactPassword } from "./local-db/loopback.ts";

const log = (line: string) => console.log(`[deploy] ${line}`);

class DeployRefused extends Error {}

function deployArgs(worker: DeployedWorker, args: DeployArguments, extra: string[] = []): string[] {
  const secretsFile = args.secretsFiles[worker.role];
  return [
    "deploy",
    "-c",
    worker.configPath,
    "--env",
    args.env,
    ...(secretsFile ? ["--secrets-file", secretsFile] : []),
    ...extra,
  ];
}

async function dryRun(args: DeployArguments, environment: Environment) {
  const migrations = readMigrations();
  log(`dry run of ${args.env}: nothing is deployed, no database is touched`);
  log(`migrations in the repository: ${describeMigrations(migrations)}`);
  const problems = planMigrations(migrations, false).problems;
  if (problems.length > 0) throw new DeployRefused(problems.join("\n"));
  if (args.build) log(`built the web worker in ${buildWeb().toFixed(1)} s`);
  for (const worker of [environment.web, environment.api])
    wranglerOrFail(["deploy", "-c", worker.configPath, "--env", args.env, "--dry-run"], `bundling the ${worker.role} worker`);
  log(`bundled ${environment.web.name} and ${environment.api.name}; a real run would deploy them in the order the account needs`);
}

function migrationsDatabaseUrl(args: DeployArguments): string {
  const fromFile = args.secretsFiles.web ? readSecretsFile(args.secretsFiles.web).DATABASE_URL : undefined;
  const url = process.env.DATABASE_URL || fromFile;
  if (!url)
    throw new DeployRefused(
      "DATABASE_URL is not set: the migrations need the database owner's URL (the web worker's DATABASE_URL), in the environment or in --web-secrets",
    );
  return url;
}

async function applyPhase(databaseUrl: string, migrations: Migration[], phase: "expand" | "all", when: string): Promise<void> {
  if (migrations.length === 0) return log(`migrations ${when}: none pending`);
  const applied = await applyMigrations(databaseUrl, { phase });
  log(`migrations ${when}: applied ${applied.map((m) => `${m.tag} (${m.kind})`).join(", ") || "none"}`);
}

async function deploy(args: DeployArguments, environment: Environment) {
  // 1. What exists, and whether every required secret will be there.
  const stored = {
    api: deployedSecretNames(environment.api.configPath, args.env),
    web: deployedSecretNames(environment.web.configPath, args.env),
  };
  const exists = { api: stored.api !== null, web: stored.web !== null };
  log(
    `${environment.web.name}: ${exists.web ? "deployed" : "does not exist yet"}; ${environment.api.name}: ${exists.api ? "deployed" : "does not exist yet"}`,
  );
  const missing = missingSecrets(
    [environment.api, environment.web].map((worker) => ({
      worker,
      stored: stored[worker.role],
      provided: Object.keys(args.secretsFiles[worker.role] ? readSecretsFile(args.secretsFiles[worker.role] ?? "") : {}),
    })),
  );
  if (missing.length > 0)
    throw new DeployRefused(
      `required secrets are missing (nothing was changed):\n  ${missing.join("\n  ")}\nSet them with \`npx wrangler secret put NAME -c <config> --env ${args.env}\` once the worker exists, or give them for this deploy in a file: --api-secrets <file> / --web-secrets <file> (.env or JSON).`,
    );
  log("secrets: every required secret is stored or given");

  // 2. The migrations' plan, and the build.
  const databaseUrl = migrationsDatabaseUrl(args);
  const serving = exists.api || exists.web;
  const plan = planMigrations(await pendingMigrations(databaseUrl), serving);
  if (plan.problems.length > 0)
    throw new DeployRefused(`the migrations cannot be applied safely:\n  ${plan.problems.join("\n  ")}`);
  log(
    `database ${redactPassword(databaseUrl)}: before the new code ${describeMigrations(plan.before)}; after it ${describeMigrations(plan.after)}`,
  );
  if (args.build) log(`built the web worker in ${buildWeb().toFixed(1)} s`);

  // 3. Expand, deploy, verify.
  if (serving) await applyPhase(databaseUrl, plan.before, "expand", "before the new code (expand steps)");
  else await applyPhase(databaseUrl, plan.before, "all", "before the code (a new database: all of them)");
  const queues = [...environment.web.queues, ...environment.api.queues];
  const created = createMissingQueues(queues);
  log(
    `queues: ${queues.length === 0 ? "none used" : created.length > 0 ? `created ${created.join(", ")}` : `${queues.join(", ")} exist`}`,
  );
  for (const step of deployOrder(exists)) {
    const worker = environment[step.role];
    if (step.placeholder) {
      log(`deploying a placeholder under ${worker.name} (the other worker's binding needs it to exist)`);
      wranglerOrFail(["deploy", "-c", writePlaceholder(worker)], `deploying the placeholder ${worker.name}`);
    } else {
      log(`deploying the ${worker.role} worker ${worker.name}`);
      wranglerOrFail(deployArgs(worker, args), `deploying ${worker.name}`);
    }
  }
  const targets = { api: args.verifyUrls.api ?? environment.api.origin, web: args.verifyUrls.web ?? environment.web.origin };
  const results = await verifyDeployment(targets, args.verifyTimeoutSeconds);
  for (const result of results) log(`check ${result.name} ${result.url}: ${result.detail}`);
  if (!results.every((result) => result.ok))
    throw new Error(
      `the new release is deployed but does not pass its checks; the contract migrations were not applied. Roll back with \`npx wrangler rollback --env ${args.env}\` (and -c web/wrangler.toml) if it cannot be fixed forward`,
    );

  // 4. Contract steps, once the new release is up.
  await applyPhase(databaseUrl, plan.after, "all", "after the new release is up (contract steps)");
  log(`${args.env} is up:\n  web  ${environment.web.origin}\n  API  ${environment.api.origin}`);
}

async function main() {
  let args: DeployArguments;
  try {
    args = parseDeployArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const environment = readEnvironment(args.env);
  const exposed = exposureProblems(environment);
  if (exposed.length > 0 && !args.allowWorkersDev)
    throw new DeployRefused(
      `${args.env} would also be served outside its custom domains:\n  ${exposed.join("\n  ")}\nTurn that off, or pass --allow-workers-dev if it is meant.`,
    );
  await (args.dryRun ? dryRun(args, environment) : deploy(args, environment));
}

main().catch((error: unknown) => {
  console.error(`[deploy] ${error instanceof DeployRefused ? "refused" : "failed"}: ${(error as Error).message}`);
  process.exitCode = 1;
});
