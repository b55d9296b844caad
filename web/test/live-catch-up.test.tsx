// The decision a page makes at each hello of its live socket (lib/tasks/live-catch-up.ts): refetch
// only when a change committed after the state it has, never when nothing did.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TasksApi } from "@/lib/tasks/api";
import { loadDashboard, loadTasksPage } from "@/lib/tasks/first-load";
import { type Hello, type KnownState, missedChanges } from "@/lib/tasks/live-catch-up";
import { createFakeTasksApi } from "./fake-tasks-api.ts";

const RENDERED = 1_800_000_000_123;

describe("missed changes at a hello", () => {
  const cases: [string, KnownState, Hello, boolean][] = [
    ["first hello, no change ever", { version: null, renderedAt: RENDERED }, { version: 0, changed_at: null }, false],
    [
      "first hello, the last change well before the render",
      { version: null, renderedAt: RENDERED },
      { version: 3, changed_at: RENDERED - 60_000 },
      false,
    ],
    [
      "first hello, the last change 1 ms before the render",
      { version: null, renderedAt: RENDERED },
      { version: 3, changed_at: RENDERED - 1 },
      false,
    ],
    [
      "first hello, the last change at the render's very ms",
      { version: null, renderedAt: RENDERED },
      { version: 3, changed_at: RENDERED },
      false,
    ],
    [
      "first hello, a change 1 ms after the render",
      { version: null, renderedAt: RENDERED },
      { version: 3, changed_at: RENDERED + 1 },
      true,
    ],
    [
      "first hello, a change long after the render (a socket that got in late)",
      { version: null, renderedAt: RENDERED },
      { version: 9, changed_at: RENDERED + 600_000 },
      true,
    ],
    ["first hello on a page not rendered by the server", { version: null }, { version: 3, changed_at: RENDERED }, false],
    ["first hello from an object that has no changed_at", { version: null, renderedAt: RENDERED }, { version: 3 }, false],
    ["a reconnect, same version", { version: 4, renderedAt: RENDERED }, { version: 4, changed_at: RENDERED + 60_000 }, false],
    ["a reconnect, changes meanwhile", { version: 4, renderedAt: RENDERED }, { version: 6, changed_at: RENDERED + 60_000 }, true],
    // Two writes that committed out of the order the object numbered them: the time alone would miss it.
    [
      "a reconnect, a change numbered late but committed early",
      { version: 4, renderedAt: RENDERED },
      { version: 5, changed_at: RENDERED - 1 },
      true,
    ],
    ["a reconnect, the object's count reset", { version: 4, renderedAt: RENDERED }, { version: 0, changed_at: null }, true],
  ];
  it.each(cases)("%s", (_, known, hello, missed) => {
    expect(missedChanges(known, hello)).toBe(missed);
  });

  it("before any hello, refetches exactly when a change committed after the render", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 45 }),
        fc.integer({ min: 0, max: 2 ** 45 }),
        fc.nat(),
        (renderedAt, changedAt, version) => {
          const missed = missedChanges({ version: null, renderedAt }, { version, changed_at: changedAt });
          return missed === changedAt > renderedAt;
        },
      ),
    );
  });

  it("after a hello, refetches exactly when the version moved, whatever the times say", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.option(fc.nat()),
        fc.option(fc.nat(), { nil: undefined }),
        (known, version, changedAt, renderedAt) => {
          return missedChanges({ version: known, renderedAt }, { version, changed_at: changedAt }) === (version !== known);
        },
      ),
    );
  });
});

describe("the render time a page's first data carries", () => {
  afterEach(() => vi.useRealTimers());

  it.each([
    ["the tasks page", (api: Promise<TasksApi>) => loadTasksPage(api, "all")],
    ["the dashboard", (api: Promise<TasksApi>) => loadDashboard(api)],
  ])("%s: is taken before any of the data is asked for", async (_, load) => {
    vi.useFakeTimers({ now: RENDERED, toFake: ["Date"] });
    const fake = createFakeTasksApi();
    // No data can be asked for before the client is there; the clock has moved on by then.
    const api = Promise.resolve().then(() => {
      vi.setSystemTime(RENDERED + 50);
      return fake.api;
    });
    const first = await load(api);
    expect(fake.api.list).toHaveBeenCalled();
    expect(first.renderedAt).toBe(RENDERED);
  });
});
