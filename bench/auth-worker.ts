/**
 * Better Auth alone, as the web worker's /api/auth/* route runs it (one instance per isolate, the
 * JWKS from isolate memory), without Next.js: the benchmarks need real sign-ups, sessions, tokens
 * and key rotations, not pages, and an OpenNext build per run would cost a minute.
 * With a mail queue (bench/mail-outage-worker.wrangler.toml) its `queue()` is the web worker's
 * consumer, sending directly instead of through web/worker.js's in-process hop to the Next.js bundle.
 */
import { withIsolateAuth } from "../web/lib/auth/isolate-auth.ts";
import { withPublicKeysFromMemory } from "../web/lib/auth/keys/public-keys.ts";
import { deliverMailJob } from "../web/lib/email/deliver-mail-job.ts";
import { consumeMailBatch, isDeadLetterQueue, logDeadLetters, type QueueBatch } from "../web/lib/email/mail-consumer.ts";
import { readEnv, type WebBindings } from "../web/lib/env.ts";
import type { WaitUntil } from "../web/lib/worker-context.ts";

export default {
  fetch(request: Request, env: WebBindings, ctx: WaitUntil): Promise<Response> {
    return withPublicKeysFromMemory((authRequest) => withIsolateAuth(env, ctx, (auth) => auth.handler(authRequest)))(request);
  },
  async queue(batch: QueueBatch, env: WebBindings): Promise<void> {
    if (isDeadLetterQueue(batch.queue)) return logDeadLetters(batch);
    await consumeMailBatch(batch, deliverMailJob(readEnv(env).email));
  },
};
