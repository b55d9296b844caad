/**
 * `next dev` only: the worker's bindings (web/wrangler.toml and web/.dev.vars, through OpenNext),
 * with the database settings that `npm run dev` passes in the environment taking precedence. So
 * `DATABASE_URL=… npm run dev` points both workers at that Postgres: the API worker gets it as a
 * `wrangler dev` var, and the web app would otherwise keep the embedded database's URL from
 * web/.dev.vars (wrangler reads secrets from that file, not from the environment).
 * BETTER_AUTH_SECRETS, set in web/.dev.vars only while rotating the secret (`npm run setup --
 * --rotate-secret`), is read here too: wrangler keeps from .dev.vars only the secrets web/wrangler.toml
 * lists and the vars it declares, and declaring it would clash with the deployed secret of that name.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { getCloudflareContext, initOpenNextCloudflareForDev } from "@opennextjs/cloudflare";

/**
 * The bindings scripts/dev.ts sets: both workers' database, the web app's dev OpenID provider; and
 * GitHub's and Google's, which `GITHUB_CLIENT_ID=… GITHUB_CLIENT_SECRET=… npm run dev` passes on.
 */
const FOLLOWED = [
  "DATABASE_URL",
  "NEON_LOCAL_ENDPOINT",
  "OIDC_ISSUER",
  "OIDC_CLIENT_ID",
  "OIDC_CLIENT_SECRET",
  "OIDC_NAME",
  "GITHUB_CLIENT_ID",
  "GITHUB_CLIENT_SECRET",
  "GOOGLE_CLIENT_ID",
  "GOOGLE_CLIENT_SECRET",
] as const;
/** `next dev` runs in web/: its .dev.vars. */
const DEV_VARS = ".dev.vars";

export async function initDevBindings(): Promise<void> {
  await initOpenNextCloudflareForDev();
  const env = getCloudflareContext().env as unknown as Record<string, string | undefined>;
  for (const name of FOLLOWED) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  const rotating = existsSync(DEV_VARS) ? parseEnv(readFileSync(DEV_VARS, "utf8")).BETTER_AUTH_SECRETS : undefined;
  if (rotating) env.BETTER_AUTH_SECRETS = rotating;
}
