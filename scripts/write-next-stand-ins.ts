/**
 * Build step of the web worker, run by OpenNext after `next build` (web/open-next.config.ts
 * `buildCommand`): writes the stand-ins of scripts/lib/next-stand-ins.ts over Next's modules in the
 * standalone output, which OpenNext then copies and bundles. Fails the build if a guard no longer holds.
 */
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { NEXT_STAND_INS, writeNextStandIns } from "./lib/next-stand-ins.ts";

const standaloneApp = resolve(import.meta.dirname, "../web/.next/standalone/web");
const nextDir = dirname(createRequire(resolve(standaloneApp, "package.json")).resolve("next/package.json"));
if (!nextDir.startsWith(resolve(import.meta.dirname, "../web/.next/standalone"))) {
  throw new Error(`next resolved outside the standalone output (${nextDir}): was this build standalone?`);
}
writeNextStandIns(nextDir);
console.log(`Next stand-ins written in ${nextDir}: ${NEXT_STAND_INS.map((s) => s.file).join(", ")}`);
