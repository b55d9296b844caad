// The deployed environments as wrangler reads them: each worker is served on its own custom domain
// only (never on *.workers.dev or a per-version preview URL, unless someone turns those on), and
// the two wrangler.toml files name the same origins (the API's WEB_ORIGIN is the web's
// BETTER_AUTH_URL; the web's API_URL is the API's domain).
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { type Unstable_Config, unstable_readConfig } from "wrangler";

const ROOT = resolve(import.meta.dirname, "..");
const read = (file: string, env: string): Unstable_Config =>
  unstable_readConfig({ config: resolve(ROOT, file), env }, { hideWarnings: true });

/** The host names a config's routes serve, for custom domains only. */
function customDomains(config: Unstable_Config): string[] {
  return (config.routes ?? []).map((route) => {
    if (typeof route === "string" || !("custom_domain" in route) || !route.custom_domain)
      throw new Error(`${config.name}: every route should be a custom domain, got ${JSON.stringify(route)}`);
    return route.pattern;
  });
}

describe.each(["staging", "production"])("%s", (env) => {
  const api = read("wrangler.toml", env);
  const web = read("web/wrangler.toml", env);

  it.each([
    ["the API worker", api],
    ["the web worker", web],
  ])("serves %s on its custom domain only: no workers.dev, no preview URLs", (_name, config) => {
    expect(config.workers_dev).toBe(false);
    expect(config.preview_urls).toBe(false);
    expect(customDomains(config)).toHaveLength(1);
  });

  it("runs the clean-up from the web worker's Cron Trigger, not the API's (web/lib/maintenance)", () => {
    expect(web.triggers.crons).toEqual(["17 * * * *"]);
    expect(api.triggers.crons ?? []).toEqual([]);
  });

  it("names the same origins in both files, each one an HTTPS custom domain", () => {
    const webOrigin = new URL(String(web.vars.BETTER_AUTH_URL));
    const apiOrigin = new URL(String(web.vars.API_URL));
    expect(webOrigin.protocol).toBe("https:");
    expect(apiOrigin.protocol).toBe("https:");
    expect(api.vars.WEB_ORIGIN).toBe(webOrigin.origin);
    expect(customDomains(web)).toEqual([webOrigin.hostname]);
    expect(customDomains(api)).toEqual([apiOrigin.hostname]);
  });
});

describe.each(["wrangler.toml", "web/wrangler.toml"])("%s", (file) => {
  // Vars are not inherited: one missing from an environment is a wrangler warning on every deploy
  // and `wrangler dev --env`, and an environment that silently runs without it.
  it.each(["preview", "staging", "production"])("restates every top-level var in env.%s", (env) => {
    const topLevel = Object.keys(unstable_readConfig({ config: resolve(ROOT, file) }, { hideWarnings: true }).vars);
    expect(Object.keys(read(file, env).vars)).toEqual(expect.arrayContaining(topLevel));
  });
});
