// The web worker's entry (web/wrangler.toml `main`): OpenNext's Next.js handler for requests
// (the browser's token and session calls answered before it, lib/auth/direct-auth-route.ts),
// the Cron Trigger, handed to the clean-up route inside the same bundle (lib/maintenance), and the
// mail queue's consumer, which sends each job through the mail route in that bundle (lib/email). OpenNext's
// guide for adding handlers: https://opennext.js.org/cloudflare/howtos/custom-worker. Plain
// JavaScript because .open-next/worker.js exists only after `opennextjs-cloudflare build`, so
// TypeScript could not check this file in a fresh clone; what it calls is typed and tested.
import openNext from "./.open-next/worker.js";
import { directAuthResponse } from "./lib/auth/direct-auth-route.ts";
import { consumeMailBatch, isDeadLetterQueue, logDeadLetters } from "./lib/email/mail-consumer.ts";
import { deliverThroughRoute } from "./lib/email/mail-route-client.ts";
import { CLEAN_UP_PATH, isInternalPath } from "./lib/maintenance/internal-route.ts";

// OpenNext's Durable Object classes, should a binding ever name one.
export * from "./.open-next/worker.js";

export default {
  fetch(request, env, ctx) {
    // Internal routes answer only this worker's own scheduled handler, never a request from outside.
    if (isInternalPath(request.url)) return Response.json({ code: "not_found", message: "No such route." }, { status: 404 });
    // The browser's token and session calls skip Next.js once the auth route is loaded (lib/auth/direct-auth-route.ts).
    return directAuthResponse(request, env, ctx) ?? openNext.fetch(request, env, ctx);
  },
  /** @param {ScheduledController} controller */
  async scheduled(controller, env, ctx) {
    const request = new Request(`https://scheduled.invalid${CLEAN_UP_PATH}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ scheduledTime: controller.scheduledTime, cron: controller.cron }),
    });
    const response = await openNext.fetch(request, env, ctx);
    if (!response.ok) throw new Error(`the clean-up failed: HTTP ${response.status} ${await response.text()}`);
  },
  /** @param {MessageBatch<unknown>} batch MAIL_QUEUE's jobs, or its dead-letter queue's. */
  async queue(batch, env, ctx) {
    if (isDeadLetterQueue(batch.queue)) return logDeadLetters(batch);
    await consumeMailBatch(
      batch,
      deliverThroughRoute((request) => openNext.fetch(request, env, ctx)),
    );
  },
};
