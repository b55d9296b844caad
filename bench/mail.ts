/**
 * `npm run bench:mail`: what the account mail costs and reveals, measured on Better Auth under
 * `wrangler dev` (bench/auth-worker.ts, the web worker's createAuth) on the local database, with
 * e-mail verification required (as in preview, staging and production) and its mail going to a
 * dev mailbox:
 *
 * - forgot-password for a known and an unknown address, interleaved in one run (each from its own
 *   client address, under the 3-a-minute limit): the medians must not tell them apart;
 * - sign-up with a new address, an address taken by an unverified account and one taken by a
 *   verified account, interleaved (each from its own client address): the same, and the same
 *   answer (status and body shape) for all three;
 * - the time from the action's request to the e-mail in the mailbox (its `receivedAt`), for the
 *   reset mail and sign-up's verification mail;
 *
 * each near the database and again with every database answer held 100 ms (LocalDatabase.setRttMs),
 * as far from Neon as a worker on another continent. Prints one JSON line per setting.
 * The worker listens on BENCH_PORT, or on a free port; the database and the mailbox on free ports.
 */
import { randomBytes } from "node:crypto";
import { applyMigrations, startLocalDatabase } from "../scripts/local-db/index.ts";
import { startAuthWorker, WEB_ORIGIN } from "./auth-stack.ts";
import { freePort } from "./free-port.ts";

const N = Number(process.env.BENCH_MAIL_SAMPLES ?? 25);
/** Sign-ups per kind of address and setting: each costs a password hash (about 70 ms of CPU). */
const SIGN_UP_N = Number(process.env.BENCH_MAIL_SIGN_UP_SAMPLES ?? 15);
const PASSWORD = "correct horse battery";

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const round = (value: number) => Math.round(value * 10) / 10;
let client = 0;
const nextAddress = () => `198.19.${Math.floor(++client / 250)}.${(client % 250) + 1}`;

async function main() {
  const database = await startLocalDatabase();
  await applyMigrations(database.databaseUrl);
  const auth = await startAuthWorker({
    port: Number(process.env.BENCH_PORT) || (await freePort()),
    databaseUrl: database.databaseUrl,
    endpointUrl: database.endpointUrl,
    secrets: { BETTER_AUTH_SECRET: randomBytes(32).toString("base64") },
    vars: { REQUIRE_EMAIL_VERIFICATION: "true" },
  });
  const post = (path: string, body: unknown) =>
    fetch(`${auth.url}/api/auth${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: WEB_ORIGIN, "cf-connecting-ip": nextAddress() },
      body: JSON.stringify(body),
    });
  /** Milliseconds from `startedAt` until a message to `to` whose subject matches is in the mailbox. */
  const arrival = async (to: string, subject: RegExp, startedAt: number): Promise<number> => {
    for (let tries = 0; tries < 200; tries++) {
      const { messages } = (await (await fetch(`${auth.mailboxUrl}/api/messages?to=${encodeURIComponent(to)}`)).json()) as {
        messages: { subject: string; receivedAt: string }[];
      };
      const message = messages.find((each) => subject.test(each.subject));
      if (message) return Date.parse(message.receivedAt) - startedAt;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no mail to ${to}`);
  };
  const signUp = (email: string) => post("/sign-up/email", { name: "Bench", email, password: PASSWORD });
  /** An address taken by an account, verified through its link when `verified`. */
  const takenAddress = async (verified: boolean): Promise<string> => {
    const email = `bench-taken-${crypto.randomUUID()}@example.test`;
    const response = await signUp(email);
    if (!response.ok) throw new Error(`sign-up answered ${response.status}`);
    if (!verified) return email;
    await arrival(email, /^Verify your e-mail/, 0);
    const { messages } = (await (await fetch(`${auth.mailboxUrl}/api/messages?to=${encodeURIComponent(email)}`)).json()) as {
      messages: { links: string[] }[];
    };
    const link = messages[0]?.links.find((each) => new URL(each).pathname === "/api/auth/verify-email");
    if (!link) throw new Error("no verification link");
    const opened = await fetch(link.replace(WEB_ORIGIN, auth.url), { redirect: "manual" });
    if (opened.status !== 302 || opened.headers.get("Location") !== "/verify-email") throw new Error("verification failed");
    return email;
  };
  /** The status and the body's shape (its keys, the user's keys): what must not differ either. */
  const answerOf = async (response: Response) => {
    const body = (await response.json()) as Record<string, unknown>;
    return `${response.status} ${Object.keys(body).sort()} ${Object.keys((body.user as object) ?? {}).sort()}`;
  };

  try {
    const known: string[] = [];
    for (let i = 0; i < N; i++) {
      const email = `bench-mail-${crypto.randomUUID()}@example.test`;
      const response = await signUp(email);
      if (!response.ok) throw new Error(`sign-up answered ${response.status}`);
      known.push(email);
    }
    // Fresh taken addresses per setting: each gets one more mail per sign-up (the per-recipient limit).
    const taken = [];
    for (const _setting of [0, 100]) {
      const unverified: string[] = [];
      const verified: string[] = [];
      for (let i = 0; i < SIGN_UP_N; i++) {
        unverified.push(await takenAddress(false));
        verified.push(await takenAddress(true));
      }
      taken.push({ unverified, verified });
    }
    for (const [setting, rttMs] of [0, 100].entries()) {
      database.setRttMs(rttMs);
      const signUpMs = { new: [] as number[], unverified: [] as number[], verified: [] as number[] };
      const answers = new Set<string>();
      for (let i = 0; i < SIGN_UP_N; i++) {
        const addresses = taken[setting] as { unverified: string[]; verified: string[] };
        // Interleaved, so that drift during the run affects all three alike.
        for (const [email, samples] of [
          [`bench-new-${crypto.randomUUID()}@example.test`, signUpMs.new],
          [addresses.unverified[i] as string, signUpMs.unverified],
          [addresses.verified[i] as string, signUpMs.verified],
        ] as const) {
          const t0 = performance.now();
          const response = await signUp(email);
          samples.push(performance.now() - t0);
          answers.add(await answerOf(response));
        }
      }
      if (answers.size !== 1) throw new Error(`sign-up answered differently: ${[...answers].join(" | ")}`);
      const knownMs: number[] = [];
      const unknownMs: number[] = [];
      const resetToMailboxMs: number[] = [];
      const verifyToMailboxMs: number[] = [];
      for (let i = 0; i < N; i++) {
        // Interleaved, so that drift during the run affects both alike.
        for (const [email, samples] of [
          [known[i] as string, knownMs],
          [`nobody-${crypto.randomUUID()}@example.test`, unknownMs],
        ] as const) {
          const startedAt = Date.now();
          const t0 = performance.now();
          const response = await post("/request-password-reset", { email, redirectTo: "/reset-password" });
          samples.push(performance.now() - t0);
          if (response.status !== 200) throw new Error(`forgot-password answered ${response.status}`);
          await response.text();
          if (samples === knownMs) resetToMailboxMs.push(await arrival(email, /^Reset your/, startedAt));
        }
        if (i < 10) {
          const email = `bench-verify-${crypto.randomUUID()}@example.test`;
          const startedAt = Date.now();
          const response = await signUp(email);
          await response.text();
          verifyToMailboxMs.push(await arrival(email, /^Verify your e-mail/, startedAt));
        }
      }
      // A fresh mailbox view per setting: the known addresses get one reset mail each per setting.
      await fetch(`${auth.mailboxUrl}/api/messages`, { method: "DELETE" });
      const knownMedian = median(knownMs);
      const unknownMedian = median(unknownMs);
      const signUpNew = median(signUpMs.new);
      console.log(
        JSON.stringify({
          database_rtt_ms: rttMs,
          samples: N,
          forgot_known_median_ms: round(knownMedian),
          forgot_unknown_median_ms: round(unknownMedian),
          forgot_difference_ms: round(knownMedian - unknownMedian),
          reset_mail_in_mailbox_median_ms: round(median(resetToMailboxMs)),
          reset_mail_in_mailbox_max_ms: round(Math.max(...resetToMailboxMs)),
          verification_mail_in_mailbox_median_ms: round(median(verifyToMailboxMs)),
          sign_up_samples: SIGN_UP_N,
          sign_up_new_median_ms: round(signUpNew),
          sign_up_taken_unverified_median_ms: round(median(signUpMs.unverified)),
          sign_up_taken_verified_median_ms: round(median(signUpMs.verified)),
          sign_up_unverified_minus_new_ms: round(median(signUpMs.unverified) - signUpNew),
          sign_up_verified_minus_new_ms: round(median(signUpMs.verified) - signUpNew),
        }),
      );
    }
  } finally {
    await auth.stop();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
