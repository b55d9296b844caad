/**
 * Stand-ins for three parts of Next.js's server that this app never runs, written over their copies
 * in `next build`'s standalone output (web/.next/standalone), which OpenNext copies and bundles into
 * the web worker right after: about 340 KB of the bundle before gzip (docs/benchmarks.md, bench:web).
 *
 * Why here: OpenNext for Cloudflare bundles the server with an esbuild step that takes no aliases or
 * plugins from the app, and these are files inside the `next` package, out of reach of npm
 * `overrides`; its own shims (throw.js, empty.js) are wired the same way for other Next modules.
 * Only the build output changes: `next dev` and the tests run the installed package untouched.
 *
 * Each entry names the call site that makes the module unreachable, and the build stops if Next's
 * code no longer has it (a Next upgrade must then be looked at again): the stand-in is written only
 * while that evidence holds. A stand-in throws a clear error if it is ever called.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type NextStandIn = {
  /** The file replaced, relative to the `next` package. */
  file: string;
  /** Why nothing in this app reaches it. */
  why: string;
  /** The call sites that keep it unreachable: a file of the `next` package and what it must contain. */
  guards: { file: string; contains: RegExp }[];
  /** The CommonJS module written in its place. */
  module: string;
};

const throwing = (what: string, names: string[]) => {
  const message = JSON.stringify(`${what} is a stand-in in this build (scripts/lib/next-stand-ins.ts)`);
  return [
    '"use strict";',
    "// Written by scripts/lib/next-stand-ins.ts over Next's own module, in the worker's build only.",
    `const fail = () => { throw new Error(${message}); };`,
    `module.exports = { ${names.map((name) => `${name}: fail`).join(", ")} };`,
    "",
  ].join("\n");
};

/** The App Router runtimes' preview-data check: fast-jwt's verifier, called in a try that clears the cookie on any error. */
const VERIFIER_INSIDE_TRY =
  /try\{let\{createVerifier:\w+\}=\w+\("next\/dist\/compiled\/fast-jwt"\);[^;]*\}catch\{return\(0,\w+\.clearPreviewData\)/;

export const NEXT_STAND_INS: NextStandIn[] = [
  {
    // 135 KB, and it is the third importer of fast-jwt.
    file: "dist/server/route-modules/pages/module.compiled.js",
    why:
      "the Pages Router runtime: required only by lazyRenderPagesPage, which next-server calls for a page " +
      "that is not an App Router path, and this app has no pages/ directory (pages-manifest.json is {})",
    guards: [
      { file: "dist/server/route-modules/pages/module.render.js", contains: /require\('\.\/module\.compiled'\)\.renderToHTML/ },
      { file: "dist/server/next-server.js", contains: /if \(this\.enabledDirectories\.app && renderOpts\.isAppPath\)/ },
    ],
    module: throwing("Next's Pages Router runtime", ["renderToHTML"]),
  },
  {
    // 132 KB.
    file: "dist/compiled/fast-jwt/index.js",
    why:
      "verifies the Pages Router preview-data cookie (__next_preview_data), which only a Pages API route's " +
      "res.setPreviewData() issues; the App Router runtimes reach it only when the request also carries " +
      "__prerender_bypass equal to the build's secret previewModeId, and call it inside a try whose catch " +
      "treats any error as an invalid cookie (not in preview), so a throw here changes nothing",
    guards: [
      {
        file: "dist/compiled/next-server/app-page-turbo.runtime.prod.js",
        contains: VERIFIER_INSIDE_TRY,
      },
      {
        file: "dist/compiled/next-server/app-route-turbo.runtime.prod.js",
        contains: VERIFIER_INSIDE_TRY,
      },
    ],
    module: throwing("fast-jwt (Next's preview-mode cookie)", ["createVerifier", "createSigner", "createDecoder"]),
  },
  {
    // 67 KB of @mswjs/interceptors, 7 KB of its own.
    file: "dist/experimental/testmode/server.js",
    why:
      "Next's test proxy (next start --experimental-test-proxy): next-server loads it only when its " +
      "serverOptions.experimentalTestProxy is set, and OpenNext creates the NextServer without it",
    guards: [
      {
        file: "dist/server/next-server.js",
        contains:
          /if \(this\.serverOptions\.experimentalTestProxy\) \{\s*process\.env\.NEXT_PRIVATE_TEST_PROXY = 'true';\s*const \{ interceptTestApis \} = \/\/[^\n]*\n\s*require\('next\/dist\/experimental\/testmode\/server'\);/,
      },
      {
        file: "dist/server/next-server.js",
        contains:
          /if \(this\.serverOptions\.experimentalTestProxy\) \{\s*const \{ wrapRequestHandlerNode \} = \/\/[^\n]*\n\s*require\('next\/dist\/experimental\/testmode\/server'\);/,
      },
    ],
    module: throwing("Next's test proxy", ["interceptTestApis", "wrapRequestHandlerNode", "wrapRequestHandlerWorker"]),
  },
];

/** The guards that no longer hold in a `next` package folder (empty when every stand-in is safe). */
export function brokenGuards(nextDir: string, standIns = NEXT_STAND_INS): string[] {
  const broken: string[] = [];
  for (const standIn of standIns) {
    if (!existsSync(join(nextDir, standIn.file))) broken.push(`${standIn.file}: not in next any more`);
    for (const guard of standIn.guards) {
      const path = join(nextDir, guard.file);
      if (!existsSync(path) || !guard.contains.test(readFileSync(path, "utf8"))) {
        broken.push(`${standIn.file}: ${guard.file} no longer matches ${guard.contains}`);
      }
    }
  }
  return broken;
}

/** Writes every stand-in into a `next` package folder, after checking every guard; throws if one fails. */
export function writeNextStandIns(nextDir: string, standIns = NEXT_STAND_INS): void {
  const broken = brokenGuards(nextDir, standIns);
  if (broken.length > 0) {
    throw new Error(`Next's server changed, revisit scripts/lib/next-stand-ins.ts:\n${broken.join("\n")}`);
  }
  for (const standIn of standIns) writeFileSync(join(nextDir, standIn.file), standIn.module);
}
