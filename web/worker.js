// The web worker's entry (web/wrangler.toml `main`): OpenNext's Next.js handler for requests, and
// the Cron Trigger's clean-up (lib/maintenance). OpenNext's own guide for adding handlers:
// https://opennext.js.org/cloudflare/howtos/custom-worker. Plain JavaScript because
// .open-next/worker.js exists only after `opennextjs-cloudflare build`, so TypeScript could not
// check this file in a fresh clone; the handler it calls is typed.
import openNext from "./.open-next/worker.js";
import { runScheduledCleanUp } from "./lib/maintenance/scheduled.ts";

// OpenNext's Durable Object classes, should a binding ever name one.
export * from "./.open-next/worker.js";

export default {
  fetch: (request, env, ctx) => openNext.fetch(request, env, ctx),
  /** @param {ScheduledController} controller */
  async scheduled(controller, env) {
    await runScheduledCleanUp(controller, env);
  },
};
