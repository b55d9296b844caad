/**
 * `npm run dev`: the whole app on this machine, no cloud account needed: the local database,
 * the API worker under `wrangler dev` (:8787), the web app under `next dev` (:3000) and the dev
 * mailbox (:8025) that the app's e-mail goes to, and a dev OpenID provider (:9400) to sign in with.
 * Ctrl-C stops everything and keeps the data; so does a failure to start.
 */
import { startDevMailbox } from "./lib/dev-mailbox.ts";
import { startDevOpenId } from "./lib/dev-openid.ts";
import { ensureDevVars } from "./lib/dev-vars.ts";
import { startNextDev } from "./lib/next-dev.ts";
import { startProjectDatabase } from "./lib/project-database.ts";
import { runUntilSignal } from "./lib/run-until-signal.ts";
import { Startup } from "./lib/startup.ts";
import { startWranglerDev } from "./lib/wrangler-dev.ts";

async function main() {
  ensureDevVars(() => {});
  const startup = new Startup();
  try {
    const mailbox = await startup.add(startDevMailbox());
    const openId = await startup.add(startDevOpenId("http://localhost:3000"));
    const database = await startup.add(startProjectDatabase().then((db) => ({ ...db, stop: async () => db.local?.stop() })));
    // Both workers get the database from here (DATABASE_URL, if set, else the embedded one): the
    // API worker as `wrangler dev` vars, the web app through its environment (web/lib/dev-bindings.ts).
    const vars = { DATABASE_URL: database.databaseUrl, NEON_LOCAL_ENDPOINT: database.endpointUrl, MAIL_CAPTURE_URL: mailbox.url };
    const api = await startup.add(startWranglerDev({ port: 8787, vars }));
    // The provider's settings reach `next dev` through its environment too (web/lib/dev-bindings.ts).
    const web = await startup.add(startNextDev({ port: 3000, env: { ...vars, ...openId.vars } }));
    startup.done();

    console.log(`
  App            http://localhost:3000   (sign up, then manage tasks)
  Mailbox        ${mailbox.url}   (every e-mail the app sends: verification, reset, …)
  OpenID         ${openId.issuer}   (dev OpenID provider: "Continue with Dev OpenID", its own login page)
  API worker     ${api.url}   (GET /health, GET /ready, /api/:userId/tasks)
  Database       ${database.local ? `${database.databaseUrl} via ${database.endpointUrl}` : "Neon (DATABASE_URL)"}
  Press Ctrl-C to stop.
`);
    await runUntilSignal([web, api], async () => {
      await mailbox.stop();
      await openId.stop();
      await database.stop();
    });
  } catch (error) {
    await startup.stopAll();
    throw error;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
