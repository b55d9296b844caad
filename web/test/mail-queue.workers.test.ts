// The mail queue's consumer (web/lib/email/mail-consumer.ts) in workerd, over the real transports:
// Resend's stand-in (a fetch that records what the transport sent and answers as Resend would) and
// the real dev mailbox that test/global-setup.ts started. Messages are the queue's Message
// interface, recording what the consumer decided (ack, or retry with which delay).
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deliverMailJob } from "../lib/email/deliver-mail-job.ts";
import {
  consumeMailBatch,
  type DeliverMail,
  isDeadLetterQueue,
  logDeadLetters,
  retryDelaySeconds,
} from "../lib/email/mail-consumer.ts";
import { type MailJob, mailJob } from "../lib/email/mail-job.ts";
import { mailDeliveryRoute } from "../lib/email/mail-route.ts";
import { deliverThroughRoute } from "../lib/email/mail-route-client.ts";
import { RESEND_ENDPOINT } from "../lib/email/resend-transport.ts";
import type { EmailConfig } from "../lib/env.ts";
import { mailTo } from "./mailbox-helpers.ts";
import { authEnv, authRequest, newClientAddress, ORIGIN, PASSWORD, verifyingAuthEnv } from "./workers-helpers.ts";

type Outcome = { acked: number; retries: (number | undefined)[] };

/** A queue message whose ack and retry are recorded: what the queue runtime would act on. */
function queued(body: unknown, attempts = 1): Message<unknown> & { outcome: Outcome } {
  const outcome: Outcome = { acked: 0, retries: [] };
  return {
    id: crypto.randomUUID().replaceAll("-", ""),
    timestamp: new Date(),
    body,
    attempts,
    ack: () => {
      outcome.acked++;
    },
    retry: (options?: QueueRetryOptions) => {
      outcome.retries.push(options?.delaySeconds);
    },
    outcome,
  };
}

function batchOf(messages: Message<unknown>[], queue = "edge-tasks-mail-test"): MessageBatch<unknown> {
  return { queue, messages, ackAll: () => {}, retryAll: () => {} } as unknown as MessageBatch<unknown>;
}

function recordingLog() {
  const lines: string[] = [];
  return { lines, log: { error: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) } };
}

const RESEND: EmailConfig = {
  environment: "production",
  transport: "resend",
  apiKey: "re_test_key",
  from: "Edge Tasks <mail@tasks.example.com>",
};
const address = () => `queue-${crypto.randomUUID()}@example.test`;
const job = (to = address()): MailJob =>
  mailJob("verify-email", { to, subject: "Verify your e-mail", html: "<p>hi</p>", text: "hi" });

/** Resend's stand-in: records each request; answers with `status` (200 and an id by default). */
function resendStandIn(statuses: number[] = []) {
  const requests: { url: string; headers: Headers; body: unknown }[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push({ url: request.url, headers: request.headers, body: await request.json() });
    const status = statuses.shift() ?? 200;
    return status === 200
      ? Response.json({ id: crypto.randomUUID() })
      : Response.json({ statusCode: status, name: "application_error", message: "to someone@example.test failed" }, { status });
  }) as typeof fetch;
  return { requests, fetcher };
}

describe("mail queue consumer", () => {
  it("sends with the job's Idempotency-Key and acknowledges", async () => {
    const resend = resendStandIn();
    const sent = job();
    const message = queued(sent);
    await consumeMailBatch(batchOf([message]), deliverMailJob(RESEND, resend.fetcher), recordingLog().log);
    expect(message.outcome).toEqual({ acked: 1, retries: [] });
    expect(resend.requests).toHaveLength(1);
    expect(resend.requests[0]?.url).toBe(RESEND_ENDPOINT);
    expect(resend.requests[0]?.headers.get("Idempotency-Key")).toBe(sent.idempotencyKey);
    expect(resend.requests[0]?.body).toMatchObject({ to: [sent.message.to], subject: sent.message.subject });
  });

  it("retries a failing send with a growing delay, the same key each time, and logs no address", async () => {
    const resend = resendStandIn([503, 503, 429, 500]);
    const sent = job();
    const { lines, log } = recordingLog();
    const delays: (number | undefined)[] = [];
    for (const attempts of [1, 2, 3, 4]) {
      const message = queued(sent, attempts);
      await consumeMailBatch(batchOf([message]), deliverMailJob(RESEND, resend.fetcher), log);
      expect(message.outcome.acked).toBe(0);
      delays.push(...message.outcome.retries);
    }
    expect(delays).toEqual([5, 10, 20, 40]);
    expect(new Set(resend.requests.map((each) => each.headers.get("Idempotency-Key")))).toEqual(new Set([sent.idempotencyKey]));
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(JSON.parse(line)).toMatchObject({ level: "warn", event: "mail_retry", kind: "verify-email" });
      expect(line).not.toContain("@");
    }
  });

  it("keeps the delays growing and bounded whatever the attempt count", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 10_000 }), (attempts) => {
        const delay = retryDelaySeconds(attempts);
        expect(delay).toBeGreaterThanOrEqual(5);
        expect(delay).toBeLessThanOrEqual(600);
        expect(retryDelaySeconds(attempts + 1)).toBeGreaterThanOrEqual(delay);
      }),
    );
  });

  it("sends each job of a batch on its own: one failure retries only that one", async () => {
    const resend = resendStandIn([200, 503, 200]);
    const messages = [queued(job()), queued(job()), queued(job())];
    await consumeMailBatch(batchOf(messages), deliverMailJob(RESEND, resend.fetcher), recordingLog().log);
    expect(messages.map((each) => each.outcome)).toEqual([
      { acked: 1, retries: [] },
      { acked: 0, retries: [5] },
      { acked: 1, retries: [] },
    ]);
  });

  it("acknowledges, without a retry, a message that no transport takes (Resend 422, or an address list)", async () => {
    const resend = resendStandIn([422]);
    const { lines, log } = recordingLog();
    const refused = queued(job());
    const list = queued(job("a@example.test, b@example.test"));
    await consumeMailBatch(batchOf([refused, list]), deliverMailJob(RESEND, resend.fetcher), log);
    expect([refused.outcome, list.outcome]).toEqual([
      { acked: 1, retries: [] },
      { acked: 1, retries: [] },
    ]);
    expect(resend.requests).toHaveLength(1);
    expect(lines.map((line) => JSON.parse(line).event)).toEqual(["mail_rejected", "mail_rejected"]);
  });

  it("acknowledges and logs any body that is not a job: never a send, a retry or a throw", async () => {
    const hostile = fc.oneof(
      fc.anything(),
      fc.record({ kind: fc.string(), idempotencyKey: fc.string(), message: fc.anything() }),
      fc.record({
        kind: fc.constant("verify-email"),
        idempotencyKey: fc.oneof(fc.constant(""), fc.constant("a\nb"), fc.string({ minLength: 257, maxLength: 300 })),
        message: fc.constant({ to: "x@example.test", subject: "s", html: "h", text: "t" }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (body) => {
        const deliver: DeliverMail = async () => {
          throw new Error("must not be called");
        };
        const { lines, log } = recordingLog();
        const message = queued(body);
        await consumeMailBatch(batchOf([message]), deliver, log);
        expect(message.outcome).toEqual({ acked: 1, retries: [] });
        expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ level: "error", event: "mail_job_malformed" });
      }),
      { numRuns: 200 },
    );
  });

  it("logs each dead letter as an error naming the kind of mail, never the address", () => {
    const dead = job();
    const lines: string[] = [];
    const messages = [queued(dead, 11), queued("not a job", 11)];
    logDeadLetters(batchOf(messages, "edge-tasks-mail-production-dlq"), (line) => lines.push(line));
    expect(messages.map((each) => each.outcome)).toEqual([
      { acked: 1, retries: [] },
      { acked: 1, retries: [] },
    ]);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        level: "error",
        event: "mail_dead_letter",
        kind: "verify-email",
        idempotencyKey: dead.idempotencyKey,
        queue: "edge-tasks-mail-production-dlq",
      },
      { level: "error", event: "mail_dead_letter", kind: "unknown", queue: "edge-tasks-mail-production-dlq" },
    ]);
    expect(lines.join("\n")).not.toContain(dead.message.to.split("@")[0] as string);
    expect(isDeadLetterQueue("edge-tasks-mail-production-dlq")).toBe(true);
    expect(isDeadLetterQueue("edge-tasks-mail-production")).toBe(false);
  });
});

describe("the dev mailbox and the consumer's route", () => {
  const mailbox: EmailConfig = {
    environment: "preview",
    transport: "capture",
    captureUrl: env.MAIL_CAPTURE_URL,
    from: "Edge Tasks <mail@localhost>",
  };

  it("keeps one message when a send is repeated after its answer was lost", async () => {
    const sent = job();
    let calls = 0;
    // The first answer never reaches the consumer: the mailbox has the message, the queue retries.
    const losingFirstAnswer = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await fetch(input, init);
      if (++calls === 1) {
        await response.body?.cancel();
        throw new TypeError("Network connection lost.");
      }
      return response;
    }) as typeof fetch;
    const deliver = deliverMailJob(mailbox, losingFirstAnswer);
    const first = queued(sent, 1);
    await consumeMailBatch(batchOf([first]), deliver, recordingLog().log);
    expect(first.outcome).toEqual({ acked: 0, retries: [5] });
    const second = queued(sent, 2);
    await consumeMailBatch(batchOf([second]), deliver, recordingLog().log);
    expect(second.outcome).toEqual({ acked: 1, retries: [] });
    const kept = await mailTo(sent.message.to);
    expect(kept).toHaveLength(1);
    expect(kept[0]?.idempotencyKey).toBe(sent.idempotencyKey);
  });

  it("goes through the internal route: sent is acknowledged, a mailbox that is down is retried, a non-job is dropped", async () => {
    const bindings = { ...authEnv, MAIL_CAPTURE_URL: env.MAIL_CAPTURE_URL };
    const down = { ...authEnv, MAIL_CAPTURE_URL: "http://127.0.0.1:9" };
    const sent = job();
    const ok = queued(sent);
    await consumeMailBatch(
      batchOf([ok]),
      deliverThroughRoute((request) => mailDeliveryRoute(request, bindings)),
      recordingLog().log,
    );
    expect(ok.outcome).toEqual({ acked: 1, retries: [] });
    expect(await mailTo(sent.message.to)).toHaveLength(1);

    const { lines, log } = recordingLog();
    const unreachable = queued(job(), 3);
    await consumeMailBatch(
      batchOf([unreachable]),
      deliverThroughRoute((request) => mailDeliveryRoute(request, down)),
      log,
    );
    expect(unreachable.outcome).toEqual({ acked: 0, retries: [20] });
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ event: "mail_retry", error: "mailbox_unreachable" });

    // The route itself refuses a body that is not a job (400), which the client takes as final.
    const refused = await mailDeliveryRoute(new Request("https://queue.invalid/", { method: "POST", body: "{}" }), bindings);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: "invalid_mail_job" });
  });
});

describe("the producer: Better Auth's mail into MAIL_QUEUE", () => {
  it("enqueues a sign-up's verification mail as a job (kind, a UUID key, the message) and sends nothing itself", async () => {
    const sent: { body: unknown; options: unknown }[] = [];
    const MAIL_QUEUE = {
      send: async (body: unknown, options?: unknown) => {
        sent.push({ body, options });
      },
    };
    const email = `queued-${crypto.randomUUID()}@example.test`;
    const response = await authRequest(
      "/sign-up/email",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress() },
        body: JSON.stringify({ name: "Queued", email, password: PASSWORD }),
      },
      { ...verifyingAuthEnv, MAIL_QUEUE } as typeof verifyingAuthEnv,
    );
    expect(response.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.options).toEqual({ contentType: "json" });
    expect(sent[0]?.body).toMatchObject({
      kind: "verify-email",
      idempotencyKey: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      message: { to: email, subject: expect.stringMatching(/^Verify your e-mail/) },
    });
    expect(await mailTo(email)).toEqual([]);
  });
});
