/**
 * The auth secret's rotation (README, "Rotating secrets and keys") on web/.dev.vars, so that
 * `npm run dev` can go through it: `npm run setup -- --rotate-secret` makes a new secret current
 * and keeps the previous ones accepted (`BETTER_AUTH_SECRETS=2:new,1:old`), as step 2 does when
 * deployed; `npm run setup -- --retire-secret` keeps only the current one, as step 4 does.
 * Locally there is one instance, so step 1 (known everywhere before it signs) has nothing to wait for.
 */
import { parseEnv } from "node:util";

type Versioned = { version: number; value: string };

/** web/.dev.vars with a new current secret; earlier ones still accepted. */
export function rotateSecret(devVars: string, newSecret: string): string {
  const vars = parseEnv(devVars);
  const listed = parseVersioned(vars.BETTER_AUTH_SECRETS);
  const single = vars.BETTER_AUTH_SECRET;
  if (!listed.length && !single) throw new Error("no BETTER_AUTH_SECRET in web/.dev.vars: run `npm run setup` first");
  // Before versioning, the single secret becomes version 1; BETTER_AUTH_SECRET stays as it is,
  // since it decrypts what was encrypted before versioning.
  const earlier = listed.length ? listed : [{ version: 1, value: single as string }];
  const next = Math.max(...earlier.map((entry) => entry.version)) + 1;
  return setVar(devVars, "BETTER_AUTH_SECRETS", formatVersioned([{ version: next, value: newSecret }, ...earlier]));
}

/** web/.dev.vars with only the current secret left: sessions signed with the others end. */
export function retireEarlierSecrets(devVars: string): string {
  const [current] = parseVersioned(parseEnv(devVars).BETTER_AUTH_SECRETS);
  if (!current) throw new Error("no BETTER_AUTH_SECRETS in web/.dev.vars: nothing to retire (rotate first)");
  return setVar(setVar(devVars, "BETTER_AUTH_SECRETS", formatVersioned([current])), "BETTER_AUTH_SECRET", current.value);
}

function parseVersioned(value: string | undefined): Versioned[] {
  if (!value) return [];
  return value.split(",").map((entry) => {
    const colon = entry.indexOf(":");
    return { version: Number(entry.slice(0, colon).trim()), value: entry.slice(colon + 1).trim() };
  });
}

const formatVersioned = (list: Versioned[]) => list.map(({ version, value }) => `${version}:${value}`).join(",");

/** Replaces `NAME=…` (the first uncommented line), or appends it. */
function setVar(text: string, name: string, value: string): string {
  const line = new RegExp(`^${name}=.*$`, "m");
  if (line.test(text)) return text.replace(line, () => `${name}=${value}`);
  return `${text.replace(/\n?$/, "\n")}${name}=${value}\n`;
}
