// `npm run deploy` against a stand-in `wrangler` on the PATH (test/stand-in-wrangler), which keeps
// an account's state and refuses, as Cloudflare does, a binding to a worker that does not exist and
// a deploy without its required secrets; a real database (the local one) for the migrations; and
// two small servers standing in for the deployed workers' /health, /ready and JWKS, which answer
// from the stand-in's state. The order logic and the migration plan are tested on their own below.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StandInState } from "../test/stand-in-wrangler/wrangler.ts";
import { type Environment, exposureProblems, readEnvironment } from "./lib/deploy/environment.ts";
import { planMigrations } from "./lib/deploy/migration-plan.ts";
import { deployOrder } from "./lib/deploy/order.ts";
import { missingSecrets } from "./lib/deploy/secrets.ts";
import type { Migration } from "./lib/migrations/migration-files.ts";
import { readMigrations } from "./lib/migrations/migration-files.ts";
import { type LocalDatabase, startLocalDatabase } from "./local-db/index.ts";

const ROOT = resolve(import.meta.dirname, "..");
const STAND_IN = resolve(ROOT, "test/stand-in-wrangler");

type Run = { code: number; output: string };

/** Runs `npm run deploy -- …args` as the operator would, with the stand-in first on the PATH. */
function deploy(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((settle) => {
    execFile(
      process.execPath,
      ["scripts/deploy.ts", ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ...env, PATH: [STAND_IN, dirname(process.execPath), process.env.PATH].join(":") },
        timeout: 170_000,
      },
      (error, stdout, stderr) => settle({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

/** The deployed workers' public side, as the stand-in's account state says they would answer. */
function workerServer(stateFile: string, answer: (state: StandInState, path: string) => [number, unknown]): Promise<Server> {
  const server = createServer((request, response) => {
    const state = JSON.parse(readFileSync(stateFile, "utf8")) as StandInState;
    const [status, body] = answer(state, request.url ?? "/");
    response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
  });
  return new Promise((settle) => server.listen(0, "127.0.0.1", () => settle(server)));
}
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// Each run starts Node and wrangler's config reader: seconds apiece on a busy machine.
describe("npm run deploy (stand-in wrangler, local database)", { timeout: 180_000 }, () => {
  const environment = readEnvironment("staging");
  const folder = mkdtempSync(join(tmpdir(), "deploy-test-"));
  const stateFile = join(folder, "state.json");
  const apiSecrets = join(folder, "api.env");
  const webSecrets = join(folder, "web.json");
  let database: LocalDatabase;
  let servers: Server[] = [];
  const urls = { api: "", web: "" };
  /** /ready's answer while the test wants the release to fail its checks. */
  let readyFails = false;

  /** The environment of a run: the stand-in's account, and the owner's URL for the migrations. */
  const STATE = () => ({ STAND_IN_WRANGLER_STATE: stateFile, DATABASE_URL: database.databaseUrl });
  const state = () => JSON.parse(readFileSync(stateFile, "utf8")) as StandInState;
  const callsSince = (from: number) =>
    state()
      .calls.slice(from)
      .map((call) => call.join(" "));
  const appliedTags = async () => {
    const client = new pg.Client(database.databaseUrl);
    await client.connect();
    try {
      const { rows } = await client
        .query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations")
        .catch(() => ({ rows: [{ n: 0 }] }));
      return rows[0]?.n ?? 0;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await startLocalDatabase({ log: () => {} });
    writeFileSync(stateFile, JSON.stringify({ calls: [], workers: {} }));
    writeFileSync(apiSecrets, "DATABASE_URL=postgres://tasks_api:secret@db.example/tasks\n");
    const api = await workerServer(stateFile, (s, path) => {
      const worker = s.workers[environment.api.name];
      if (!worker || worker.main === "placeholder.js") return [503, { code: "deploying" }];
      if (path === "/health") return [200, { status: "ok" }];
      const jwks = worker.bindings.includes(`AUTH->${environment.web.name}`) && s.workers[environment.web.name];
      if (path === "/ready" && jwks && !readyFails) return [200, { status: "ok", checks: { database: "ok", jwks: "ok" } }];
      return [503, { code: "not_ready", details: { database: "ok", jwks: jwks ? "ok" : "failed" } }];
    });
    const web = await workerServer(stateFile, (s, path) =>
      s.workers[environment.web.name]?.main === "worker.js" && path === "/api/auth/jwks"
        ? [200, { keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", kid: "k1" }] }]
        : [404, { code: "not_found" }],
    );
    servers = [api, web];
    urls.api = urlOf(api);
    urls.web = urlOf(web);
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) server.close();
    await database?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const common = () => ["--env", "staging", "--no-build", "--api-url", urls.api, "--web-url", urls.web, "--verify-timeout", "0"];

  it("refuses a first deploy without the secrets, naming every missing one, and changes nothing", async () => {
    writeFileSync(webSecrets, JSON.stringify({ BETTER_AUTH_SECRET: "x".repeat(44), DATABASE_URL: database.databaseUrl }));
    const run = await deploy([...common(), "--web-secrets", webSecrets], STATE());
    expect(run.code).toBe(1);
    expect(run.output).toContain("required secrets are missing (nothing was changed)");
    expect(run.output).toContain(`api worker (${environment.api.name}): DATABASE_URL`);
    expect(run.output).toContain(`web worker (${environment.web.name}): RESEND_API_KEY, EMAIL_FROM`);
    expect(callsSince(0).filter((call) => call.startsWith("deploy"))).toEqual([]);
    expect(await appliedTags()).toBe(0);
  });

  it("brings the environment up from nothing: migrations, a placeholder, both workers, checks, URLs", async () => {
    writeFileSync(
      webSecrets,
      JSON.stringify({
        BETTER_AUTH_SECRET: "x".repeat(44),
        DATABASE_URL: database.databaseUrl,
        RESEND_API_KEY: "re_test",
        EMAIL_FROM: "Edge Tasks <no-reply@tasks.example.com>",
      }),
    );
    const from = state().calls.length;
    const run = await deploy([...common(), "--api-secrets", apiSecrets, "--web-secrets", webSecrets], STATE());
    expect(run.output).toContain("staging is up");
    expect(run.code).toBe(0);

    // The mail queue and its dead-letter queue, created before the web worker that uses them.
    const queues = [`edge-tasks-mail-staging`, `edge-tasks-mail-staging-dlq`];
    expect(environment.web.queues).toEqual(queues);
    expect(callsSince(from).filter((call) => call.startsWith("queues"))).toEqual(
      queues.flatMap((queue) => [`queues info ${queue}`, `queues create ${queue}`]),
    );
    expect(state().queues).toEqual(queues);
    expect(run.output).toContain(`queues: created ${queues.join(", ")}`);
    const deploys = callsSince(from).filter((call) => call.startsWith("deploy"));
    expect(deploys).toHaveLength(3);
    expect(deploys[0]).toMatch(/^deploy -c \S*deploy-placeholder-\S*wrangler\.json$/);
    expect(deploys[1]).toBe(`deploy -c web/wrangler.toml --env staging --secrets-file ${webSecrets}`);
    expect(deploys[2]).toBe(`deploy -c wrangler.toml --env staging --secrets-file ${apiSecrets}`);
    const { workers } = state();
    expect(workers[environment.api.name]).toMatchObject({
      main: "index.ts",
      bindings: [`AUTH->${environment.web.name}`],
      secrets: ["DATABASE_URL"],
      workersDev: false,
      previewUrls: false,
      deployments: 2,
    });
    expect(workers[environment.web.name]).toMatchObject({
      main: "worker.js",
      // API: the tasks; LIVE: the API's LiveControl entrypoint, which closes ended sessions' sockets.
      bindings: [`API->${environment.api.name}`, `LIVE->${environment.api.name}`],
      crons: ["17 * * * *"],
      workersDev: false,
      previewUrls: false,
    });
    // A new database: every migration before the code, and the deploy says which.
    expect(await appliedTags()).toBe(readMigrations().length);
    expect(run.output).toMatch(/migrations before the code \(a new database: all of them\): applied 0000_init \(expand\)/);
    expect(run.output).toContain("check API /ready");
    expect(run.output).toContain(`web  ${environment.web.origin}`);
    expect(run.output).toContain(`API  ${environment.api.origin}`);
  });

  it("runs again as a normal update: no placeholder, web then API, secrets already stored", async () => {
    const from = state().calls.length;
    const run = await deploy(common(), STATE());
    expect(run.code).toBe(0);
    expect(callsSince(from)).toEqual([
      "secret list -c wrangler.toml --env staging --format json",
      "secret list -c web/wrangler.toml --env staging --format json",
      "queues info edge-tasks-mail-staging",
      "queues info edge-tasks-mail-staging-dlq",
      "deploy -c web/wrangler.toml --env staging",
      "deploy -c wrangler.toml --env staging",
    ]);
    expect(run.output).toContain("migrations before the new code (expand steps): none pending");
  });

  it("stops when the new release fails its checks, and says how to roll back", async () => {
    readyFails = true;
    try {
      const run = await deploy(common(), STATE());
      expect(run.code).toBe(1);
      expect(run.output).toContain("does not pass its checks; the contract migrations were not applied");
      expect(run.output).toMatch(/check API \/ready \S+: HTTP 503/);
    } finally {
      readyFails = false;
    }
  });

  it("refuses without the owner's database URL, before deploying anything", async () => {
    const from = state().calls.length;
    const run = await deploy(common(), { ...STATE(), DATABASE_URL: "" });
    expect(run.code).toBe(1);
    expect(run.output).toContain("DATABASE_URL is not set");
    expect(callsSince(from).filter((call) => call.startsWith("deploy"))).toEqual([]);
  });

  it.each(["staging", "production"])("--dry-run %s bundles both workers and touches nothing else", async (target) => {
    const from = state().calls.length;
    const before = await appliedTags();
    const run = await deploy(["--env", target, "--dry-run", "--no-build"], { STAND_IN_WRANGLER_STATE: stateFile });
    expect(run.code).toBe(0);
    expect(callsSince(from)).toEqual([
      `deploy -c web/wrangler.toml --env ${target} --dry-run`,
      `deploy -c wrangler.toml --env ${target} --dry-run`,
    ]);
    expect(await appliedTags()).toBe(before);
  });

  it("names the usage on a wrong environment", async () => {
    const run = await deploy(["--env", "prod"], STATE());
    expect(run.code).toBe(2);
    expect(run.output).toContain('--env must be staging or production, got "prod"');
  });
});

describe("deployOrder", () => {
  it.each([
    [{ api: false, web: false }, ["api (placeholder)", "web", "api"]],
    [{ api: true, web: false }, ["web", "api"]],
    [{ api: false, web: true }, ["api", "web"]],
    [{ api: true, web: true }, ["web", "api"]],
  ])("%j → %j", (exists, expected) => {
    expect(deployOrder(exists).map((step) => `${step.role}${step.placeholder ? " (placeholder)" : ""}`)).toEqual(expected);
  });

  it("never deploys a worker before one it binds exists (simulated)", () => {
    for (const api of [false, true])
      for (const web of [false, true]) {
        const exists = { api, web };
        for (const step of deployOrder({ api, web })) {
          const binds = step.placeholder ? null : step.role === "api" ? "web" : "api";
          if (binds) expect(exists[binds], JSON.stringify({ api, web, step })).toBe(true);
          exists[step.role] = true;
        }
        expect(exists).toEqual({ api: true, web: true });
      }
  });
});

const migration = (tag: string, contract: string | null, statements: string[] = []): Migration => ({
  tag,
  folderMillis: 0,
  hash: tag,
  chunks: statements,
  statements,
  contract,
  concurrent: false,
});

describe("planMigrations", () => {
  const expand = migration("0004_add", null, ['ALTER TABLE "tasks" ADD COLUMN "due" timestamp']);
  const drop = migration("0005_drop", "drops tasks.legacy", ['ALTER TABLE "tasks" DROP COLUMN "legacy"']);
  const later = migration("0006_add", null, ['CREATE TABLE "notes" ("id" text)']);

  it("runs expand steps before the code and contract steps after it while a release serves", () => {
    expect(planMigrations([expand, drop], true)).toEqual({ before: [expand], after: [drop], problems: [] });
  });

  it("runs everything before the code on a database nothing serves from yet", () => {
    expect(planMigrations([expand, drop, later], false)).toEqual({ before: [expand, drop, later], after: [], problems: [] });
  });

  it("refuses an expand step queued behind a pending contract step", () => {
    expect(planMigrations([drop, later], true).problems).toEqual([
      expect.stringContaining("0006_add (expand) comes after the pending contract step 0005_drop"),
    ]);
  });

  it("refuses an unmarked migration that takes something away", () => {
    const sneaky = migration("0007_sneaky", null, ['ALTER TABLE "tasks" RENAME COLUMN "title" TO "name"']);
    expect(planMigrations([sneaky], false).problems).toEqual([
      expect.stringContaining("0007_sneaky is not marked as a contract step"),
    ]);
  });
});

describe("the deployed environments' exposure and secrets", () => {
  // That the configs themselves serve neither: scripts/deployed-environments.test.ts.
  it("names a worker that would be served on workers.dev or preview URLs", () => {
    const staging = readEnvironment("staging");
    const exposed: Environment = { ...staging, api: { ...staging.api, workersDev: true, previewUrls: true } };
    expect(exposureProblems(exposed)).toEqual([
      `wrangler.toml serves ${staging.api.name} on workers.dev (workers_dev = true)`,
      `wrangler.toml serves ${staging.api.name} on preview URLs (preview_urls = true)`,
    ]);
  });

  it("counts a secret as present when it is stored or given, and names the rest per worker", () => {
    const { api, web } = readEnvironment("production");
    expect(
      missingSecrets([
        { worker: api, stored: null, provided: [] },
        { worker: web, stored: ["DATABASE_URL"], provided: ["BETTER_AUTH_SECRET", "EMAIL_FROM"] },
      ]),
    ).toEqual([`api worker (${api.name}): DATABASE_URL`, `web worker (${web.name}): RESEND_API_KEY`]);
  });
});
