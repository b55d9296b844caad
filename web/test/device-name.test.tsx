// Browser and system from a session's user agent (lib/device-name.ts), as a table of real user
// agents, plus hostile and missing ones as a class: always two short strings, never a throw.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deviceName } from "@/lib/auth/ui/device-name";

const TABLE: [string, string, string][] = [
  [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Safari 17",
    "iOS 17.5",
  ],
  [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Chrome 131",
    "Windows 10",
  ],
  ["Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox 133", "Linux"],
  [
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    "Microsoft Edge 131",
    "macOS 10.15",
  ],
  [
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    "Chrome 131",
    "Android 14",
  ],
  ["curl/8.5.0", "Unknown browser", "unknown system"],
  ["", "Unknown browser", "unknown system"],
];

describe("deviceName", () => {
  it.each(TABLE)("%s → %s on %s", (userAgent, browser, os) => {
    const name = deviceName(userAgent);
    expect(name.browser).toBe(browser);
    expect(name.os).toBe(os);
  });

  it("names a missing user agent", () => {
    expect(deviceName(null)).toEqual({ browser: "Unknown browser", os: "unknown system" });
    expect(deviceName(undefined)).toEqual({ browser: "Unknown browser", os: "unknown system" });
  });

  it("never throws, and keeps names short, whatever the header holds", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5000 }), (userAgent) => {
        const { browser, os } = deviceName(userAgent);
        expect(browser.length).toBeGreaterThan(0);
        expect(browser.length + os.length).toBeLessThan(600);
      }),
      { numRuns: 300 },
    );
  });
});
