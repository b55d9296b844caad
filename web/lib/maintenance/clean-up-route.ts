/**
 * POST CLEAN_UP_PATH (internal-route.ts): one run of the clean-up for the Cron Trigger, with the
 * event's scheduled time and cron in a JSON body. The time is capped at now: whoever might reach
 * this route can never make it judge a live row expired.
 */
import * as v from "valibot";
import { runScheduledCleanUp, type ScheduledBindings } from "./scheduled.ts";

const ScheduleBody = v.object({
  scheduledTime: v.pipe(v.number(), v.integer(), v.minValue(0)),
  cron: v.pipe(v.string(), v.maxLength(100)),
});

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function cleanUpRoute(request: Request, bindings: ScheduledBindings): Promise<Response> {
  const parsed = v.safeParse(ScheduleBody, await request.json().catch(() => undefined));
  if (!parsed.success)
    return json(400, { code: "invalid_schedule", message: "The body must be {scheduledTime: milliseconds, cron: string}." });
  const schedule = { scheduledTime: Math.min(parsed.output.scheduledTime, Date.now()), cron: parsed.output.cron };
  try {
    return json(200, await runScheduledCleanUp(schedule, bindings));
  } catch {
    // Logged by runScheduledCleanUp; the scheduled handler turns this into a failed run.
    return json(503, { code: "clean_up_failed", message: "The clean-up could not reach the database." });
  }
}
