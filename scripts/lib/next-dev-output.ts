/**
 * `next dev`'s output, less one piece of advice this project must not follow: Next 16 calls
 * `middleware.ts` deprecated and offers a codemod to `proxy.ts`. A proxy always runs on Node.js,
 * which OpenNext for Cloudflare runs only as an experimental, unsupported re-bundle (its build
 * says "use at your own risk"); the edge `middleware.ts` is its supported path. The warning is
 * replaced with one line saying so; everything else passes through unchanged.
 */
import { stripVTControlCharacters } from "node:util";

const WARNING_START = /The "middleware" file convention is deprecated/;
const WARNING_END = /nextjs\.org\/docs\/messages\/middleware-to-proxy/;

export const MIDDLEWARE_NOTE =
  "note: Next suggests renaming web/middleware.ts to proxy.ts; keep middleware.ts: a proxy runs on Node.js, which OpenNext for Cloudflare supports only experimentally (see web/middleware.ts).";

/** A line filter: each line of output in, the lines to print out. Keeps state across lines. */
export function nextDevOutputFilter(): (line: string) => string[] {
  let inWarning = false;
  return (line) => {
    const text = stripVTControlCharacters(line);
    if (!inWarning && WARNING_START.test(text)) {
      inWarning = !WARNING_END.test(text);
      return [MIDDLEWARE_NOTE];
    }
    if (inWarning) {
      if (WARNING_END.test(text)) inWarning = false;
      return [];
    }
    return [line];
  };
}
