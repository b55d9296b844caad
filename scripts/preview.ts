/**
 * `npm run preview`: both workers as they are deployed (the web app built by OpenNext), under
 * `wrangler dev` on the local database; the API worker reaches the web worker's JWKS through its
 * AUTH service binding; e-mail verification is on, and the mail goes to the dev mailbox.
 * `--no-build` reuses the last build.
 */
import { resolve } from "node:path";
import { buildWeb } from "./lib/build-web.ts";
import { startDevMailbox } from "./lib/dev-mailbox.ts";
import { startDevOpenId } from "./lib/dev-openid.ts";
import { ensureDevVars } from "./lib/dev-vars.ts";
import { startProjectDatabase } from "./lib/project-database.ts";
import { runUntilSignal } from "./lib/run-until-signal.ts";
import { startWranglerDev } from "./lib/wrangler-dev.ts";

const WEB_CONFIG = resolve(import.meta.dirname, "../web/wrangler.toml");

async function main() {
  ensureDevVars(() => {});
  if (!process.argv.includes("--no-build")) console.log(`Built the web worker in ${buildWeb().toFixed(1)} s.`);
  const mailbox = await startDevMailbox();
  const openId = await startDevOpenId("http://localhost:3000");
  const database = await startProjectDatabase();
  const vars = { DATABASE_URL: database.databaseUrl, NEON_LOCAL_ENDPOINT: database.endpointUrl };
  const web = await startWranglerDev({
    port: 3000,
    vars: { ...vars, ...openId.vars, MAIL_CAPTURE_URL: mailbox.url },
    readyPath: "/api/auth/ok",
    args: ["-c", WEB_CONFIG, "--env", "preview"],
  });
  const api = await startWranglerDev({ port: 8787, vars, args: ["--env", "preview"] });
  console.log(`
  App (production build)   http://localhost:3000
  Mailbox                  ${mailbox.url}   (verification is on: the links are here)
  OpenID                   ${openId.issuer}   (dev OpenID provider, its own login page)
  API worker               ${api.url}   (JWKS through the AUTH service binding)
  Press Ctrl-C to stop.
`);
  await runUntilSignal([api, web], async () => {
    await mailbox.stop();
    await openId.stop();
    await database.local?.stop();
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
