/**
 * The production-like stack the browser tests drive, as `npm run preview` runs it (both workers
 * from the OpenNext build under `wrangler dev`, on a throwaway local database), with each part
 * stoppable and restartable so that tests can take one down and bring it back. The web worker's
 * mail goes to a dev mailbox of the run's own, where the tests read their links as a person would.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type DevOidcProvider, startDevOidcProvider } from "../scripts/dev-oidc/index.ts";
import { type RunningServer, startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { applyMigrations, type LocalDatabase, startLocalDatabase } from "../scripts/local-db/index.ts";
import { type Mailbox, startMailbox } from "../scripts/mailbox/index.ts";

const ROOT = resolve(import.meta.dirname, "..");
/** One per run, kept across the restarts some tests make. */
const SECRET = randomBytes(32).toString("base64");
/** The web app's client at the run's dev OpenID provider. */
const OIDC_CLIENT = { clientId: "edge-tasks-e2e", clientSecret: randomBytes(24).toString("base64url"), name: "Edge Tasks (e2e)" };

/** A port from the environment (E2E_WEB_PORT=3400 npm run test:e2e), so that two runs can share a machine. */
function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port (1-65535), got ${value}`);
  return port;
}

export const WEB_PORT = portFromEnv("E2E_WEB_PORT", 3300);
export const API_PORT = portFromEnv("E2E_API_PORT", 8788);
export const WEB_URL = `http://localhost:${WEB_PORT}`;
export const API_URL = `http://localhost:${API_PORT}`;
// Below 32768: ports in Linux's ephemeral range (32768-60999) can be taken by any outgoing connection.
const PG_PORT = portFromEnv("E2E_PG_PORT", 25433);
const ENDPOINT_PORT = portFromEnv("E2E_ENDPOINT_PORT", 24444);

// A wrangler registry of this run's own: the web worker's API binding (and the API worker's AUTH
// binding) must reach these workers, not another run's with the same names on this machine.
process.env.WRANGLER_REGISTRY_PATH ??= mkdtempSync(join(tmpdir(), "e2e-registry-"));

export class Stack {
  readonly dataDir = mkdtempSync(join(tmpdir(), "e2e-db-"));
  readonly kvDir = mkdtempSync(join(tmpdir(), "e2e-kv-"));
  database?: LocalDatabase;
  web?: RunningServer;
  api?: RunningServer;
  mailbox?: Mailbox;
  openId?: DevOidcProvider;

  async startDatabase() {
    this.database = await startLocalDatabase({ dataDir: this.dataDir, pgPort: PG_PORT, endpointPort: ENDPOINT_PORT });
    await applyMigrations(this.database.databaseUrl);
  }

  async stopDatabase() {
    await this.database?.stop();
    this.database = undefined;
  }

  private get dbVars() {
    return {
      DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${PG_PORT}/postgres`,
      NEON_LOCAL_ENDPOINT: `http://127.0.0.1:${ENDPOINT_PORT}`,
    };
  }

  async startWeb() {
    this.web = await startWranglerDev({
      port: WEB_PORT,
      quiet: true,
      readyPath: "/api/auth/ok",
      args: ["-c", resolve(ROOT, "web/wrangler.toml"), "--env", "preview", "--persist-to", this.kvDir],
      vars: {
        ...this.dbVars,
        BETTER_AUTH_URL: WEB_URL,
        BETTER_AUTH_SECRET: SECRET,
        API_URL,
        // APP_ENV stays "preview": e-mail verification is on, as deployed.
        MAIL_CAPTURE_URL: this.mailboxUrl,
        ...this.openIdVars,
      },
    });
  }

  async stopWeb() {
    await this.web?.stop();
    this.web = undefined;
  }

  async startApi() {
    this.api = await startWranglerDev({
      port: API_PORT,
      quiet: true,
      args: ["--env", "preview", "--persist-to", this.kvDir],
      vars: {
        ...this.dbVars,
        WEB_ORIGIN: WEB_URL,
      },
    });
  }

  async stopApi() {
    await this.api?.stop();
    this.api = undefined;
  }

  /** The web worker's settings for the run's dev OpenID provider ("Continue with Dev OpenID"). */
  private get openIdVars() {
    if (!this.openId) throw new Error("the dev OpenID provider is not running");
    const { clientId, clientSecret } = OIDC_CLIENT;
    return {
      OIDC_ISSUER: this.openId.issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_NAME: "Dev OpenID",
    };
  }

  get mailboxUrl(): string {
    if (!this.mailbox) throw new Error("the mailbox is not running");
    return this.mailbox.url;
  }

  async start() {
    this.mailbox = await startMailbox({ port: 0, log: () => {}, limit: 10_000 });
    this.openId = await startDevOidcProvider({
      port: 0,
      clients: [{ ...OIDC_CLIENT, redirectUris: [`${WEB_URL}/api/auth/callback/oidc`] }],
    });
    await this.startDatabase();
    await this.startWeb();
    await this.startApi();
  }

  async close() {
    await this.stopApi();
    await this.stopWeb();
    await this.stopDatabase();
    await this.mailbox?.stop();
    await this.openId?.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
    rmSync(this.kvDir, { recursive: true, force: true });
  }
}
