/**
 * A device as a person recognises it, from the session's user agent: "Safari 17 on iOS 17.5".
 * Parsed on the server (the settings page), with bowser (MIT, about 8 KB gzip in the web worker;
 * ua-parser-js 2 is AGPL). An unknown or missing user agent says so rather than guessing.
 */
import Bowser from "bowser";

export type DeviceName = { browser: string; os: string };

const UNKNOWN: DeviceName = { browser: "Unknown browser", os: "unknown system" };

/** "17.5.1" → "17.5": enough to tell devices apart, short enough to read. */
const shortVersion = (version: string | undefined) => (version ? version.split(".").slice(0, 2).join(".") : "");
const majorVersion = (version: string | undefined) => (version ? (version.split(".")[0] ?? "") : "");

export function deviceName(userAgent: string | null | undefined): DeviceName {
  if (!userAgent?.trim()) return UNKNOWN;
  try {
    const parsed = Bowser.parse(userAgent.slice(0, 512));
    const browser = [parsed.browser.name, majorVersion(parsed.browser.version)].filter(Boolean).join(" ");
    const osVersion = parsed.os.name === "Windows" ? parsed.os.versionName : shortVersion(parsed.os.version);
    const os = [parsed.os.name, osVersion].filter(Boolean).join(" ");
    return { browser: browser || UNKNOWN.browser, os: os || UNKNOWN.os };
  } catch {
    return UNKNOWN;
  }
}
