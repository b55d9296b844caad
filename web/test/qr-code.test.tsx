// The QR code of two-factor's setup (components/settings/qr-code.tsx): dark modules on white in
// the SVG itself, whatever the page's theme (an inverted code is one many scanners do not read),
// one square per dark module of uqr's matrix, with the quiet zone around it.
import { render, screen } from "@testing-library/react";
import { encode } from "uqr";
import { describe, expect, it } from "vitest";
import { QrCode } from "@/components/settings/qr-code";

const URI = "otpauth://totp/Edge%20Tasks:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Edge%20Tasks";

describe("the QR code", () => {
  it("is dark on a white square of its own, in the SVG, with no colour left to the theme", () => {
    document.documentElement.dataset.theme = "dark";
    render(<QrCode value={URI} label="QR code for your authenticator app" className="size-48" />);
    const svg = screen.getByRole("img", { name: "QR code for your authenticator app" });
    const { size } = encode(URI, { ecc: "M", border: 4 });
    expect(svg.getAttribute("viewBox")).toBe(`0 0 ${size} ${size}`);
    const [background, modules] = [svg.querySelector("rect"), svg.querySelector("path")];
    expect([background?.getAttribute("width"), background?.getAttribute("height"), background?.getAttribute("fill")]).toEqual([
      String(size),
      String(size),
      "#ffffff",
    ]);
    expect(modules?.getAttribute("fill")).toBe("#18181b");
    expect(svg.getAttribute("class")).toBe("size-48");
    delete document.documentElement.dataset.theme;
  });

  it("draws one square per dark module, none in the quiet zone", () => {
    render(<QrCode value={URI} label="code" />);
    const { data } = encode(URI, { ecc: "M", border: 4 });
    const squares = [...(screen.getByRole("img").querySelector("path")?.getAttribute("d") ?? "").matchAll(/M(\d+) (\d+)/g)];
    expect(squares).toHaveLength(data.flat().filter(Boolean).length);
    for (const [, x, y] of squares) {
      expect(data[Number(y)]?.[Number(x)]).toBe(true);
      expect(Math.min(Number(x), Number(y))).toBeGreaterThanOrEqual(4);
    }
  });
});
