/**
 * `npm run bench:mail-outage`: mail survives an outage of the mail service. Real Better Auth under
 * `wrangler dev` (bench/auth-worker.ts with bench/mail-outage-worker.wrangler.toml: the web
 * worker's mail queue in wrangler's Miniflare, consumed by the web worker's consumer,
 * web/lib/email/mail-consumer.ts) on the local database, with e-mail verification required:
 *
 * 1. sign-ups while the dev mailbox is up: their verification mails arrive;
 * 2. the mailbox stops for MAIL_OUTAGE_SECONDS (30): sign-ups and password resets go on, every
 *    answer is still 200, and their mails wait in the queue (each failed send retried later);
 * 3. the mailbox starts again on the same port, with what it had kept (as a provider back from an
 *    outage still knows which idempotency keys it has seen); more sign-ups and resets;
 * 4. waits until every mail is in the mailbox (or MAIL_OUTAGE_WAIT_SECONDS, 180, pass).
 *
 * Every action's mail must be there exactly once: `lost` and `duplicates` are both 0, or the
 * script exits 1. The last line is one JSON object. Ports: MAIL_OUTAGE_PORT (3400) for the worker
 * and the next one for the mailbox.
 */
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { applyMigrations, startLocalDatabase } from "../scripts/local-db/index.ts";
import { type Mailbox, startMailbox } from "../scripts/mailbox/index.ts";
import { startAuthWorker, WEB_ORIGIN } from "./auth-stack.ts";

const WORKER_PORT = Number(process.env.MAIL_OUTAGE_PORT ?? 3400);
const MAILBOX_PORT = WORKER_PORT + 1;
const OUTAGE_MS = Number(process.env.MAIL_OUTAGE_SECONDS ?? 30) * 1000;
const WAIT_MS = Number(process.env.MAIL_OUTAGE_WAIT_SECONDS ?? 180) * 1000;
/** One sign-up and one reset every this many milliseconds during the outage. */
const PACE_MS = 2000;
const PASSWORD = "correct horse battery";

type Expected = { to: string; kind: "verify" | "reset"; at: number };
const SUBJECTS = { verify: /^Verify your e-mail/, reset: /^Reset your/ };

let client = 0;
/** A client address per request: Better Auth limits sign-ups and resets per address. */
const nextAddress = () => `198.20.${Math.floor(++client / 250)}.${(client % 250) + 1}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const database = await startLocalDatabase();
  await applyMigrations(database.databaseUrl);
  let mailbox: Mailbox = await startMailbox({ port: MAILBOX_PORT, log: () => {} });
  const worker = await startAuthWorker({
    port: WORKER_PORT,
    databaseUrl: database.databaseUrl,
    endpointUrl: database.endpointUrl,
    secrets: { BETTER_AUTH_SECRET: randomBytes(32).toString("base64") },
    vars: { REQUIRE_EMAIL_VERIFICATION: "true" },
    configPath: resolve(import.meta.dirname, "mail-outage-worker.wrangler.toml"),
    mailboxUrl: mailbox.url,
  });
  const expected: Expected[] = [];
  const signedUp: string[] = [];
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${worker.url}/api/auth${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: WEB_ORIGIN, "cf-connecting-ip": nextAddress() },
      body: JSON.stringify(body),
    });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status} ${await response.text()}`);
    await response.body?.cancel();
  };
  const signUp = async () => {
    const email = `outage-${crypto.randomUUID()}@example.test`;
    await post("/sign-up/email", { name: "Outage", email, password: PASSWORD });
    signedUp.push(email);
    expected.push({ to: email, kind: "verify", at: Date.now() });
  };
  const reset = async () => {
    // Each address once: the per-recipient mail limit would (rightly) drop a flood of resets.
    const email = signedUp[expected.filter((each) => each.kind === "reset").length];
    if (!email) throw new Error("no signed-up address left to reset");
    await post("/request-password-reset", { email, redirectTo: "/reset-password" });
    expected.push({ to: email, kind: "reset", at: Date.now() });
  };
  const matches = (each: Expected) => mailbox.messages().filter((m) => m.to === each.to && SUBJECTS[each.kind].test(m.subject));
  const waitForAll = async (deadline: number) => {
    while (Date.now() < deadline && !expected.every((each) => matches(each).length > 0)) await sleep(250);
  };

  try {
    // 1. The mailbox up.
    for (let i = 0; i < 5; i++) await signUp();
    await waitForAll(Date.now() + 30_000);
    const before = expected.length;

    // 2. The mailbox down; the app goes on answering.
    const kept = mailbox.store;
    await mailbox.stop();
    const outageStartedAt = Date.now();
    let duringOutage = 0;
    while (Date.now() - outageStartedAt < OUTAGE_MS - PACE_MS) {
      const started = Date.now();
      await signUp();
      await reset();
      duringOutage += 2;
      await sleep(Math.max(0, PACE_MS - (Date.now() - started)));
    }
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - outageStartedAt)));
    const arrivedDuringOutage = kept.list().filter((m) => Date.parse(m.receivedAt) >= outageStartedAt).length;

    // 3. The mailbox back, with what it had; more traffic.
    mailbox = await startMailbox({ port: MAILBOX_PORT, log: () => {}, store: kept });
    const restartedAt = Date.now();
    for (let i = 0; i < 5; i++) {
      await signUp();
      await reset();
    }

    // 4. Every mail, once.
    await waitForAll(restartedAt + WAIT_MS);
    const allIn = Date.now();
    let lost = 0;
    let duplicates = 0;
    for (const each of expected) {
      const found = matches(each).length;
      if (found === 0) lost++;
      duplicates += Math.max(0, found - 1);
    }
    const messages = mailbox.messages();
    // A message for no action at all counts as a duplicate too (nothing else sends here).
    const unexpected = messages.filter((m) => !expected.some((each) => each.to === m.to && SUBJECTS[each.kind].test(m.subject)));
    duplicates += unexpected.length;
    const keys = new Set(messages.map((m) => m.idempotencyKey));
    const delays = expected
      .filter((each) => each.at >= outageStartedAt && each.at < restartedAt)
      .map((each) => Math.max(...matches(each).map((m) => Date.parse(m.receivedAt))) - restartedAt);
    const result = {
      outage_s: Math.round((restartedAt - outageStartedAt) / 1000),
      mails_expected: expected.length,
      mails_before_outage: before,
      mails_asked_during_outage: duringOutage,
      mails_asked_after_restart: expected.length - before - duringOutage,
      arrived_while_mailbox_down: arrivedDuringOutage,
      mails_in_mailbox: messages.length,
      distinct_idempotency_keys: keys.has(undefined) ? -1 : keys.size,
      outage_mail_arrived_after_restart_max_s: delays.length ? Math.round(Math.max(...delays) / 100) / 10 : null,
      all_in_s_after_restart: Math.round((allIn - restartedAt) / 100) / 10,
      lost,
      duplicates,
    };
    if (lost > 0 || duplicates > 0) process.exitCode = 1;
    console.log(JSON.stringify(result));
  } finally {
    await worker.stop();
    await mailbox.stop();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
