// Every variable a `.dev.vars.example` documents (set or commented out) reaches its worker under a
// plain `wrangler dev`. With a [secrets] list in wrangler.toml, wrangler keeps from .dev.vars only
// the listed secrets and the declared vars, and drops the rest without a word: NEON_LOCAL_ENDPOINT
// went missing that way, and the API answered every task route with "Invalid URL". Asked of
// wrangler's own reader (the function `wrangler dev` calls), on a copy of each wrangler.toml with a
// .dev.vars beside it, so that no developer's .dev.vars is read or touched.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { unstable_getVarsForDev, unstable_readConfig } from "wrangler";
import { documentedNames } from "./dev-vars.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "dev-vars-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each([
  ["the API worker", "wrangler.toml", ".dev.vars.example"],
  ["the web worker", "web/wrangler.toml", "web/.dev.vars.example"],
])("%s under a plain wrangler dev", (name, configFile, exampleFile) => {
  const names = documentedNames(readFileSync(resolve(ROOT, exampleFile), "utf8"));

  it(`gets every variable ${exampleFile} documents from .dev.vars`, () => {
    expect(names.length, "the example documents its variables").toBeGreaterThanOrEqual(5);
    const dir = mkdtempSync(join(scratch, "worker-"));
    const configPath = join(dir, "wrangler.toml");
    copyFileSync(resolve(ROOT, configFile), configPath);
    writeFileSync(join(dir, ".dev.vars"), names.map((variable) => `${variable}=from-dev-vars-${variable}`).join("\n"));
    const config = unstable_readConfig({ config: configPath }, { hideWarnings: true });

    const bindings = unstable_getVarsForDev(configPath, undefined, config.vars, undefined, true, config.secrets);

    const arrived = Object.fromEntries(Object.entries(bindings).map(([key, binding]) => [key, binding.value]));
    const expected = Object.fromEntries(names.map((variable) => [variable, `from-dev-vars-${variable}`]));
    expect(arrived, `${name}: declare each in ${configFile} [vars] (or [secrets])`).toMatchObject(expected);
  });
});
