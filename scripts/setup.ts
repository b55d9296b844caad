/**
 * `npm run setup`: writes the local `.dev.vars` files (never overwriting one).
 * `npm run setup -- --rotate-secret`: a new auth secret in web/.dev.vars, the previous ones still
 * accepted (`BETTER_AUTH_SECRETS=2:new,1:old`); `-- --retire-secret` then drops the previous ones.
 * Restart `npm run dev` after either (its secrets are read at start-up).
 */
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { retireEarlierSecrets, rotateSecret } from "./lib/dev-secret-rotation.ts";
import { ensureDevVars } from "./lib/dev-vars.ts";

const { values } = parseArgs({ options: { "rotate-secret": { type: "boolean" }, "retire-secret": { type: "boolean" } } });
ensureDevVars();
const webDevVars = resolve(import.meta.dirname, "../web/.dev.vars");
if (values["rotate-secret"]) {
  writeFileSync(webDevVars, rotateSecret(readFileSync(webDevVars, "utf8"), randomBytes(32).toString("base64")), { mode: 0o600 });
  console.log(`web/.dev.vars: a new current secret in BETTER_AUTH_SECRETS; the earlier ones are still accepted.
Restart \`npm run dev\`: whoever was signed in stays signed in, and mailed links keep working.
Then \`npm run keys:rotate\` (the signing key, encrypted under the new secret), and later
\`npm run setup -- --retire-secret\` (sessions signed with the earlier secrets end).`);
} else if (values["retire-secret"]) {
  writeFileSync(webDevVars, retireEarlierSecrets(readFileSync(webDevVars, "utf8")), { mode: 0o600 });
  console.log("web/.dev.vars: only the current secret is left. Restart `npm run dev`.");
}
