// One Better Auth per isolate (web/lib/auth/isolate-auth.ts): built once per bindings object, and
// each request's after-response work goes to that request's own `waitUntil`, also when requests
// run at the same time.
import { describe, expect, it } from "vitest";
import { withIsolateAuth } from "../lib/auth/isolate-auth.ts";
import type { WaitUntil } from "../lib/worker-context.ts";
import { authEnv, newClientAddress, ORIGIN, PASSWORD, verifyingAuthEnv } from "./workers-helpers.ts";

/** An execution context that records what was handed to it, and lets the test wait for it. */
function recordingContext() {
  const handed: Promise<unknown>[] = [];
  const ctx: WaitUntil = { waitUntil: (promise) => void handed.push(promise) };
  return { ctx, handed, settled: () => Promise.allSettled(handed) };
}

const signUpRequest = () =>
  new Request(`${ORIGIN}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress() },
    body: JSON.stringify({ name: "Isolate", email: `${crypto.randomUUID()}@example.test`, password: PASSWORD }),
  });

describe("Better Auth once per isolate", () => {
  it("is built once per bindings object, and anew for other bindings", () => {
    const first = withIsolateAuth(authEnv, recordingContext().ctx, (auth) => auth);
    const again = withIsolateAuth(authEnv, recordingContext().ctx, (auth) => auth);
    const other = withIsolateAuth({ ...authEnv }, recordingContext().ctx, (auth) => auth);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it("hands each request's after-response work to that request's waitUntil, with requests interleaved", async () => {
    // With verification required, a sign-up mails its link after the response (through waitUntil).
    const bindings = { ...verifyingAuthEnv };
    const contexts = Array.from({ length: 4 }, recordingContext);
    const responses = await Promise.all(
      contexts.map(({ ctx }) => withIsolateAuth(bindings, ctx, (auth) => auth.handler(signUpRequest()))),
    );
    for (const response of responses) expect(response.status).toBe(200);
    for (const context of contexts) await context.settled();
    const counts = contexts.map((context) => context.handed.length);
    expect(counts[0]).toBeGreaterThan(0);
    // Every sign-up does the same after-response work, each in its own context.
    expect(new Set(counts).size).toBe(1);
  });
});
