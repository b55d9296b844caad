/**
 * The web worker's Cron Trigger (web/wrangler.toml `[triggers]`, wired in web/worker.js): the
 * clean-up, with the web worker's own database role, which owns Better Auth's tables (the API
 * worker's `tasks_api` role may not delete them, by design).
 *
 * The run judges rows by the cron's scheduled time, so a late or repeated run deletes nothing
 * that an on-time one would have kept. It logs one line of what it removed; a failure is logged
 * and rethrown, so the Cron Events log shows the run as failed.
 */
import { httpDatabase } from "../../../drizzle/http-database.ts";
import { pointNeonAtLocalEndpoint } from "../../../drizzle/neon-local.ts";
import { type CleanUpReport, cleanUp } from "./clean-up.ts";

export type ScheduledBindings = { DATABASE_URL: string; NEON_LOCAL_ENDPOINT?: string };
/** What the run reads of workerd's ScheduledController. */
export type Schedule = { scheduledTime: number; cron: string };

export async function runScheduledCleanUp(controller: Schedule, env: ScheduledBindings): Promise<CleanUpReport> {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is missing: the clean-up has no database");
  if (env.NEON_LOCAL_ENDPOINT) pointNeonAtLocalEndpoint(env.NEON_LOCAL_ENDPOINT);
  const started = Date.now();
  try {
    const report = await cleanUp(httpDatabase(env.DATABASE_URL), { now: controller.scheduledTime });
    console.log(
      JSON.stringify({
        event: "clean_up",
        cron: controller.cron,
        scheduled_time: new Date(controller.scheduledTime).toISOString(),
        removed: report.removed,
        statements: report.statements,
        longest_statement_ms: report.longestStatementMs,
        complete: report.complete,
        duration_ms: Date.now() - started,
      }),
    );
    return report;
  } catch (error) {
    console.error(JSON.stringify({ event: "clean_up_failed", cron: controller.cron, error: String(error).slice(0, 300) }));
    throw error;
  }
}
