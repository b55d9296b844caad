// The `tz` cookie written on every page (components/ui/remember-time-zone.tsx): the browser's zone,
// written when the cookie is missing, different or mangled, and left alone when it already says so.
import { render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RememberTimeZone } from "@/components/ui/remember-time-zone";

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const otherZone = browserZone === "Asia/Kolkata" ? "America/New_York" : "Asia/Kolkata";

function setCookie(value: string) {
  // biome-ignore lint/suspicious/noDocumentCookie: arranging the page's cookie for a case.
  document.cookie = `tz=${value}; Path=/`;
}

afterEach(() => {
  // biome-ignore lint/suspicious/noDocumentCookie: resetting the page's cookie between tests.
  document.cookie = "tz=; Path=/; Max-Age=0";
  vi.restoreAllMocks();
});

describe("RememberTimeZone", () => {
  it.each([
    ["missing", undefined],
    ["another zone", encodeURIComponent(otherZone)],
    ["mangled", "%E0%A4%A"],
  ])("writes the browser's zone when the cookie is %s", (_, value) => {
    if (value !== undefined) setCookie(value);
    render(<RememberTimeZone />);
    expect(document.cookie).toContain(`tz=${encodeURIComponent(browserZone)}`);
  });

  it("leaves a cookie that already names the browser's zone as it is", () => {
    setCookie(encodeURIComponent(browserZone));
    const write = vi.spyOn(document, "cookie", "set");
    render(<RememberTimeZone />);
    expect(write).not.toHaveBeenCalled();
  });

  it("renders nothing", () => {
    const { container } = render(<RememberTimeZone />);
    expect(container).toBeEmptyDOMElement();
  });
});
