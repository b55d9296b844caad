/**
 * The web worker's Cron Trigger handler alone (web/worker.js wires the same function next to
 * OpenNext's), for bench:hygiene: the job runs through wrangler's scheduled test route without an
 * OpenNext build. `fetch` answers only the bench's readiness check.
 */
import { runScheduledCleanUp, type Schedule, type ScheduledBindings } from "../web/lib/maintenance/scheduled.ts";

export default {
  fetch: () => new Response("ok"),
  async scheduled(controller: Schedule, env: ScheduledBindings): Promise<void> {
    await runScheduledCleanUp(controller, env);
  },
};
