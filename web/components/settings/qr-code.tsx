/**
 * A QR code as inline SVG: a white square, then one `<path>` of dark squares drawn from uqr's
 * module matrix. Nothing is fetched and nothing carries a `style` attribute or inline script, so
 * the pages' CSP allows it as it is; the scale comes from the viewBox, so it stays sharp at any size.
 *
 * Dark on white in either theme, colours in the SVG itself: a light-on-dark (inverted) code is one
 * that many authenticator apps' scanners do not read.
 */
import { encode } from "uqr";

const LIGHT = "#ffffff";
const DARK = "#18181b";

export function QrCode({ value, label, className = "" }: { value: string; label: string; className?: string }) {
  // Border 4: the quiet zone the QR standard asks for, so phone cameras find the code.
  const { data, size } = encode(value, { ecc: "M", border: 4 });
  const squares = data.flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`M${x} ${y}h1v1h-1z`] : []))).join("");
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges" className={className}>
      <rect width={size} height={size} fill={LIGHT} />
      <path d={squares} fill={DARK} />
    </svg>
  );
}
