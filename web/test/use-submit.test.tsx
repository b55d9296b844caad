// The submit lifecycle every form shares (components/ui/use-submit.ts), driven directly: what a
// run shows while pending and after, and what it refuses to do twice.
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { failure, LEAVING, type Outcome, success, useSubmit } from "@/components/ui/use-submit";
import { NETWORK_ERROR_MESSAGE } from "@/lib/auth/ui/auth-errors";
import { deferred } from "./auth-client-mock.ts";

type Answer = Outcome | typeof LEAVING | null;

/** A hook whose action answers with whatever the test settles each call's promise to. */
function renderSubmit() {
  const answers: ReturnType<typeof deferred<Answer>>[] = [];
  const action = vi.fn((_input: string) => {
    const answer = deferred<Answer>();
    answers.push(answer);
    return answer.promise;
  });
  const hook = renderHook(() => useSubmit(action));
  const settle = (index: number, answer: Answer) => act(async () => answers[index]?.resolve(answer));
  const fail = (index: number, error: unknown) => act(async () => answers[index]?.reject(error));
  return { hook, action, settle, fail };
}

describe("useSubmit", () => {
  it("is pending while the action runs, then shows its outcome", async () => {
    const { hook, action, settle } = renderSubmit();
    expect(hook.result.current).toMatchObject({ pending: false, outcome: null });
    act(() => hook.result.current.run("first"));
    expect(action).toHaveBeenCalledWith("first");
    expect(hook.result.current.pending).toBe(true);
    await settle(0, success("Saved."));
    expect(hook.result.current).toMatchObject({ pending: false, outcome: { ok: true, message: "Saved." } });
  });

  it("runs once for two runs in a row (a double click), and again once the first has answered", async () => {
    const { hook, action, settle } = renderSubmit();
    act(() => {
      hook.result.current.run("first");
      hook.result.current.run("second");
    });
    act(() => hook.result.current.run("third"));
    expect(action).toHaveBeenCalledTimes(1);
    await settle(0, failure("No."));
    act(() => hook.result.current.run("fourth"));
    expect(action).toHaveBeenCalledTimes(2);
    expect(action).toHaveBeenLastCalledWith("fourth");
    // React batches every transition on the page with a pending async action: end this one.
    await settle(1, null);
  });

  it("hides the last outcome while the next run is pending: it does not describe the new attempt", async () => {
    const { hook, settle } = renderSubmit();
    act(() => hook.result.current.run("first"));
    await settle(0, failure("Wrong password."));
    expect(hook.result.current.outcome).toEqual({ ok: false, message: "Wrong password." });
    act(() => hook.result.current.run("second"));
    expect(hook.result.current.outcome).toBeNull();
    await settle(1, success("Saved."));
    expect(hook.result.current.outcome).toEqual({ ok: true, message: "Saved." });
  });

  it("stays pending for good once the action has started a navigation, and runs no more", async () => {
    const { hook, action, settle } = renderSubmit();
    act(() => hook.result.current.run("first"));
    await settle(0, LEAVING);
    expect(hook.result.current).toMatchObject({ pending: true, outcome: null });
    act(() => hook.result.current.run("second"));
    expect(action).toHaveBeenCalledTimes(1);
  });

  it("shows the network message when the action throws, and lets the person try again", async () => {
    const { hook, action, settle, fail } = renderSubmit();
    act(() => hook.result.current.run("first"));
    await fail(0, new TypeError("Failed to fetch"));
    expect(hook.result.current).toMatchObject({ pending: false, outcome: { ok: false, message: NETWORK_ERROR_MESSAGE } });
    act(() => hook.result.current.run("second"));
    expect(action).toHaveBeenCalledTimes(2);
    await settle(1, null);
  });

  it("hides a dismissed outcome, and shows the next one", async () => {
    const { hook, settle } = renderSubmit();
    act(() => hook.result.current.run("first"));
    await settle(0, success("Saved."));
    act(() => hook.result.current.dismiss());
    expect(hook.result.current.outcome).toBeNull();
    act(() => hook.result.current.run("second"));
    await settle(1, success("Saved."));
    expect(hook.result.current.outcome).toEqual({ ok: true, message: "Saved." });
  });
});
