// `npm run keys:rotate [-- --env <preview|staging|production>]`: adds a new JWT signing key. It
// signs from now on; the previous keys stop signing and stay in the JWKS for the grace period (a
// day), so that the tokens they signed keep verifying. The API worker accepts the new key's tokens
// at once.
//
// `npm run keys:rotate -- --withdraw <kid>`: an emergency (the key leaked): removes that key from
// the key store now, after rotating a new one in if it could still sign. The API refuses its
// tokens from the next request on (it checks the key's row with the session); people whose
// tokens it signed get a new token under the new key, and stay signed in.
//
// - Locally (no --env): the local database (the running `npm run dev`/`npm run db`, or the
//   embedded one opened here; DATABASE_URL overrides), with the secrets from web/.dev.vars.
// - With --env: the environment's own DATABASE_URL and BETTER_AUTH_SECRET (or BETTER_AUTH_SECRETS),
//   read from this shell's environment, since deployed secrets cannot be read back from Cloudflare.
//   Never pass them as arguments (shell history, process listings): the script refuses any.
// The key is created by Better Auth itself (encrypted with the current secret), as its own
// `rotationInterval` does. Run it through npm: the script runs Node with `--conditions=react-server`,
// since the web's server modules import "server-only" (which throws under any other condition).

import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { createAuth } from "../web/lib/auth/create-auth.ts";
import { rotateSigningKey } from "../web/lib/auth/keys/signing-keys.ts";
import { parseKeysArgs } from "./lib/keys-rotate-args.ts";
import { LOCAL_DATA_DIR, localDatabaseOptions } from "./lib/project-database.ts";
import { withdrawSigningKey } from "./lib/withdraw-signing-key.ts";
import { readDataDirLock } from "./local-db/data-dir-lock.ts";
import { applyMigrations, startLocalDatabase } from "./local-db/index.ts";

const log = (line: string) => console.log(`[keys:rotate] ${line}`);
const SECRET_NAMES = ["BETTER_AUTH_SECRET", "BETTER_AUTH_SECRETS"] as const;

function localSecrets(): Record<string, string | undefined> {
  const file = resolve(import.meta.dirname, "../web/.dev.vars");
  const vars = existsSync(file) ? parseEnv(readFileSync(file, "utf8")) : {};
  return Object.fromEntries(SECRET_NAMES.map((name) => [name, process.env[name] ?? vars[name]]));
}

/** The database to write to, through a Neon endpoint unless it is hosted Neon itself. */
async function database(deployed: boolean): Promise<{ databaseUrl: string; endpointUrl: string; stop?: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (deployed || (url && /\.neon\.tech$/.test(new URL(url).hostname))) {
    if (!url) throw new Error("--env needs that environment's DATABASE_URL in this shell's environment");
    return { databaseUrl: url, endpointUrl: "" };
  }
  const running = url ? undefined : readDataDirLock(LOCAL_DATA_DIR);
  if (running?.databaseUrl && running.endpointUrl) {
    return { databaseUrl: running.databaseUrl, endpointUrl: running.endpointUrl };
  }
  const local = await startLocalDatabase({ ...localDatabaseOptions(log), pgPort: 0, endpointPort: 0 });
  await applyMigrations(local.databaseUrl);
  return { databaseUrl: local.databaseUrl, endpointUrl: local.endpointUrl, stop: local.stop };
}

async function main() {
  const values = parseKeysArgs(process.argv.slice(2));
  const deployed = values.env !== undefined;
  const secrets = deployed ? Object.fromEntries(SECRET_NAMES.map((name) => [name, process.env[name]])) : localSecrets();
  if (!secrets.BETTER_AUTH_SECRET && !secrets.BETTER_AUTH_SECRETS) {
    throw new Error(
      deployed
        ? `--env ${values.env} needs that environment's BETTER_AUTH_SECRET (or BETTER_AUTH_SECRETS) in this shell's environment`
        : "no BETTER_AUTH_SECRET in web/.dev.vars: run `npm run setup` first",
    );
  }
  const db = await database(deployed);
  const pending: Promise<unknown>[] = [];
  try {
    const bindings: Parameters<typeof createAuth>[0] = {
      ...secrets,
      DATABASE_URL: db.databaseUrl,
      NEON_LOCAL_ENDPOINT: db.endpointUrl,
      // Only the key store is touched: the app's URLs play no part.
      BETTER_AUTH_URL: process.env.BETTER_AUTH_URL ?? "http://localhost:3000",
      API_URL: process.env.API_URL ?? "http://localhost:8787",
      // A rotation sends no mail: the local mailbox's address only satisfies the e-mail settings'
      // check, and is on loopback, so nothing could leave even if something did send.
      APP_ENV: "development",
      MAIL_CAPTURE_URL: "http://127.0.0.1:8025",
    };
    const auth = createAuth(bindings, { waitUntil: (promise) => pending.push(promise) });
    try {
      if (values.withdraw) {
        const { withdrawn, created } = await withdrawSigningKey(auth, values.withdraw);
        if (created) log(`${values.env ?? "local"}: new signing key ${created}`);
        log(`${values.env ?? "local"}: withdrew ${withdrawn}: the API refuses its tokens from now on`);
      } else {
        const { created, retired } = await rotateSigningKey(auth);
        log(`${values.env ?? "local"}: new signing key ${created}`);
        if (retired.length > 0) log(`stopped signing with ${retired.join(", ")} (published for the grace period)`);
      }
    } finally {
      await Promise.allSettled(pending);
    }
  } finally {
    await db.stop?.();
  }
}

main().catch((error: unknown) => {
  console.error(`[keys:rotate] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
