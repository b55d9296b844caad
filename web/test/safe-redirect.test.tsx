// The sign-in redirect sanitizer against hostile `?from=` values, as a class: a table of known
// tricks and a property over arbitrary strings. Whatever it returns must resolve, in the browser's
// own URL parser, to a path on the app's origin.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/auth/ui/safe-redirect";

const ORIGIN = "https://tasks.example.com";
const staysHome = (path: string) => {
  const url = new URL(path, ORIGIN);
  return url.origin === ORIGIN && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
};

const CONTROL = ["\t", "\n", "\r", "\u0000", "\u001f", " "];
const hostile = [
  "//evil.example",
  "//evil.example/dashboard",
  "/\\evil.example",
  "\\/evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "https://evil.example",
  "http://evil.example/tasks",
  "HTTPS://evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "/.//evil.example",
  "/..//evil.example",
  "/tasks/..//evil.example",
  "/%2e//evil.example",
  "https:evil.example",
  "https:/evil.example",
  "//evil.example@tasks.example.com",
  "/\u3002evil.example",
  ...CONTROL.flatMap((c) => [`/${c}/evil.example`, `${c}//evil.example`, `/${c}\\evil.example`, `//${c}evil.example`]),
  `/${"a".repeat(5000)}`,
  `//${"a".repeat(5000)}.example`,
];

describe("safeRedirectPath", () => {
  it.each(hostile)("keeps %j on the app's origin", (value) => {
    const result = safeRedirectPath(value);
    expect(staysHome(result), result).toBe(true);
  });

  it.each(["//evil.example", "/\t/evil.example", "/\\evil.example", "/.//evil.example", "https://evil.example/x"])(
    "falls back to the dashboard for %j",
    (value) => {
      expect(safeRedirectPath(value)).toBe("/dashboard");
    },
  );

  it("keeps a local path with its query and fragment", () => {
    expect(safeRedirectPath("/tasks?status=completed#top")).toBe("/tasks?status=completed#top");
    expect(safeRedirectPath("/settings")).toBe("/settings");
    expect(safeRedirectPath(`${ORIGIN.replace("tasks.example.com", "app.invalid")}/tasks`)).toBe("/tasks");
  });

  it("never sends a user back to the sign-in or sign-up pages, nor anywhere without a value", () => {
    for (const value of ["/signin", "/signup?from=/tasks", "/signin/", "/%73ignin", null, undefined, ""]) {
      expect(["/dashboard", "/%73ignin"]).toContain(safeRedirectPath(value));
    }
  });

  // Thousands of generated strings: about 2 s alone, several times that when the test projects share two cores.
  it("returns a path on the app's origin for any string at all", { timeout: 60_000 }, () => {
    const pieces = fc.constantFrom(
      "/",
      "\\",
      "//",
      ":",
      ".",
      "..",
      "@",
      "%2f",
      "%5c",
      "\t",
      "\n",
      "evil.example",
      "https:",
      "javascript:",
      "?",
      "#",
    );
    const crafted = fc.array(fc.oneof(pieces, fc.string()), { maxLength: 12 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(crafted, fc.string(), fc.webUrl()), (value) => {
        expect(staysHome(safeRedirectPath(value))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
