// The theme cookie as the root layout reads it (web/lib/theme/theme.ts): the three known values
// pass, everything else — missing, other case, padded, markup, huge — follows the system, so the
// value rendered into `<html data-theme>` is always one of three words.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTheme, THEME_COOKIE, THEMES, themeCookie } from "../lib/theme/theme.ts";

describe("parseTheme", () => {
  it.each(THEMES)("keeps %s", (theme) => {
    expect(parseTheme(theme)).toBe(theme);
  });

  it.each([
    ["missing", undefined],
    ["null", null],
    ["empty", ""],
    ["other case", "Dark"],
    ["padded", " dark"],
    ["quoted", '"dark"'],
    ["two values", "dark,light"],
    ["markup", '"><script>alert(1)</script>'],
    ["attribute break", 'dark" onload="alert(1)'],
    ["prototype key", "__proto__"],
    ["a method name", "toString"],
    ["huge", "d".repeat(100_000)],
  ])("follows the system for a %s value", (_, value) => {
    expect(parseTheme(value)).toBe("system");
  });

  it("gives one of the three themes for any string, and the system for any unknown one", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (value) => {
        const theme = parseTheme(value);
        expect(THEMES).toContain(theme);
        if (!(THEMES as readonly string[]).includes(value)) expect(theme).toBe("system");
      }),
    );
  });
});

describe("themeCookie", () => {
  it("is site-wide, long-lived, same-site and Secure over https", () => {
    const cookie = themeCookie("dark", true);
    expect(cookie.startsWith(`${THEME_COOKIE}=dark;`)).toBe(true);
    expect(cookie).toContain("Path=/");
    expect(cookie).toMatch(/Max-Age=\d{8}/);
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Secure");
  });

  it("leaves out Secure over http (local development), where a browser would refuse it", () => {
    expect(themeCookie("light", false)).not.toContain("Secure");
  });
});
