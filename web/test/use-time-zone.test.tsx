// The zone the task pages show due dates in (lib/tasks/use-time-zone.ts): the server's until the
// browser has hydrated, then the browser's, unless the two name the same zone in different spellings
// (a change would make the page fetch its data again, with a token, on every visit).
import { renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useTimeZone } from "@/lib/tasks/use-time-zone";

const processZone = process.env.TZ;

/** The browser's zone for one case: Node's Intl reads TZ afresh when it changes. */
function browserIn(zone: string) {
  process.env.TZ = zone;
}

afterEach(() => {
  if (processZone === undefined) delete process.env.TZ;
  else process.env.TZ = processZone;
});

describe("useTimeZone", () => {
  it("keeps the server's zone when the browser spells the same zone otherwise", () => {
    browserIn("Asia/Kolkata");
    const spelledByBrowser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const otherSpelling = spelledByBrowser === "Asia/Kolkata" ? "Asia/Calcutta" : "Asia/Kolkata";
    const { result } = renderHook(() => useTimeZone(otherSpelling));
    expect(result.current).toBe(otherSpelling);
  });

  it.each(["UTC", "America/New_York"])("takes the browser's zone when the server rendered in %s", (serverZone) => {
    browserIn("Asia/Tokyo");
    const { result } = renderHook(() => useTimeZone(serverZone));
    expect(result.current).toBe("Asia/Tokyo");
  });

  it("keeps the server's zone when it is the browser's", () => {
    browserIn("Europe/Paris");
    const { result } = renderHook(() => useTimeZone("Europe/Paris"));
    expect(result.current).toBe("Europe/Paris");
  });
});
