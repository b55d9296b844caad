/**
 * Smoke test of the README's plain path: `npm run db`, then `npx wrangler dev` at the root, which
 * reads its settings from the developer's .dev.vars. Checks that /ready answers 200 and that a task
 * round trip works with a real token. Run by .ci/run; by hand: `node scripts/plain-wrangler-smoke.ts`.
 *
 * Everything runs on free ports and in scratch folders, so that it can run next to `npm run dev`:
 * - `npm run db` with LOCAL_PG_PORT=0 LOCAL_NEON_PORT=0 and a scratch PGlite folder;
 * - the settings are `.dev.vars.example` as a developer's .dev.vars (with the ports `npm run db`
 *   printed, and JWKS_URL set), handed over with `--env-file` so that no .dev.vars is touched:
 *   wrangler filters that file exactly as it filters .dev.vars (scripts/lib/dev-vars.test.ts);
 * - the tokens come from real Better Auth on the same database (bench/auth-worker.ts, the web
 *   worker's /api/auth/* without Next.js), whose /api/auth/jwks the API worker is pointed at.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AuthWorker, startAuthWorker } from "../bench/auth-stack.ts";
import { documentedNames } from "./lib/dev-vars.ts";
import { offlineEnv } from "./lib/offline-env.ts";
import { spawnGroup } from "./lib/process-group.ts";
import { ROOT } from "./lib/wrangler.ts";
import { type RunningServer, startWranglerDev } from "./lib/wrangler-dev.ts";

const EXAMPLE = readFileSync(join(ROOT, ".dev.vars.example"), "utf8");
const log = (line: string) => console.log(`[plain-wrangler-smoke] ${line}`);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type Database = { databaseUrl: string; endpointUrl: string; stop: () => Promise<void> };

/** `npm run db` on free ports; its printed DATABASE_URL and NEON_LOCAL_ENDPOINT. */
async function startNpmRunDb(dataDir: string): Promise<Database> {
  const printed: Record<string, string> = {};
  // PGlite only: with DATABASE_URL set, `npm run db` would front that database and print its URL redacted.
  const { DATABASE_URL: _fronted, ...env } = offlineEnv({ LOCAL_PG_PORT: "0", LOCAL_NEON_PORT: "0", LOCAL_PGLITE_DIR: dataDir });
  const { child, stop } = spawnGroup("npm", ["run", "db"], {
    cwd: ROOT,
    env,
    outputFilter: () => (line) => {
      const match = line.match(/^\s+(DATABASE_URL|NEON_LOCAL_ENDPOINT)=(\S+)$/);
      if (match?.[1] && match[2]) printed[match[1]] = match[2];
      return [line];
    },
  });
  const deadline = Date.now() + 180_000;
  while (!(printed.DATABASE_URL && printed.NEON_LOCAL_ENDPOINT)) {
    if (child.exitCode !== null) throw new Error(`npm run db exited with code ${child.exitCode}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error("npm run db printed no DATABASE_URL / NEON_LOCAL_ENDPOINT within 180 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { databaseUrl: printed.DATABASE_URL, endpointUrl: printed.NEON_LOCAL_ENDPOINT, stop };
}

/** `.dev.vars.example` with `values` in place of its lines (set or commented out) for those names. */
function devVarsFromExample(values: Record<string, string>): string {
  let text = EXAMPLE;
  for (const [name, value] of Object.entries(values)) {
    const line = new RegExp(`^#?\\s*${name}=.*$`, "m");
    if (!line.test(text)) throw new Error(`.dev.vars.example no longer documents ${name}`);
    text = text.replace(line, `${name}=${value}`);
  }
  return text;
}

async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${await response.text()}`);
  return response;
}

async function main() {
  // wrangler merges process.env into an --env-file (and it would win): only the file may speak.
  for (const name of documentedNames(EXAMPLE)) delete process.env[name];
  const scratch = mkdtempSync(join(tmpdir(), "plain-wrangler-smoke-"));
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const database = await startNpmRunDb(join(scratch, "pglite"));
    stops.push(database.stop);
    log(`npm run db: ${database.databaseUrl} via ${database.endpointUrl}`);

    const auth: AuthWorker = await startAuthWorker({
      port: await freePort(),
      databaseUrl: database.databaseUrl,
      endpointUrl: database.endpointUrl,
      secrets: { BETTER_AUTH_SECRET: randomBytes(32).toString("base64") },
    });
    stops.push(auth.stop);
    log(`Better Auth (bench/auth-worker.ts) on ${auth.url}`);

    const envFile = join(scratch, "dev.vars");
    writeFileSync(
      envFile,
      devVarsFromExample({
        DATABASE_URL: database.databaseUrl,
        NEON_LOCAL_ENDPOINT: database.endpointUrl,
        JWKS_URL: auth.jwksUrl,
      }),
    );
    // `npx wrangler dev` with nothing but a port of its own and its state kept out of the checkout.
    const api: RunningServer = await startWranglerDev({
      port: await freePort(),
      args: ["--env-file", envFile, "--persist-to", join(scratch, "wrangler-state")],
    });
    stops.push(api.stop);

    await expectStatus(await fetch(`${api.url}/ready`), 200, "GET /ready (database and JWKS)");
    const { userId, cookie } = await auth.signUp();
    const tokenResponse = await expectStatus(await auth.token(cookie), 200, "GET /api/auth/token");
    const { token } = (await tokenResponse.json()) as { token: string };
    const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    const title = `plain wrangler smoke ${Date.now()}`;
    await expectStatus(
      await fetch(`${api.url}/api/${userId}/tasks`, { method: "POST", headers, body: JSON.stringify({ title }) }),
      201,
      "POST /api/:userId/tasks",
    );
    const list = await expectStatus(await fetch(`${api.url}/api/${userId}/tasks`, { headers }), 200, "GET /api/:userId/tasks");
    if (!(await list.text()).includes(JSON.stringify(title))) throw new Error("the stored task is not in the list");
    log("ok: /ready is 200; stored and read a task with a Better Auth token through a plain wrangler dev");
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => log(`stop failed: ${String(error)}`));
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`[plain-wrangler-smoke] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
