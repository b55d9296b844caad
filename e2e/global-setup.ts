// Builds the web worker with OpenNext once before the browser tests (E2E_SKIP_BUILD=1 reuses it).
import { buildWeb } from "../scripts/lib/build-web.ts";

export default function globalSetup() {
  if (process.env.E2E_SKIP_BUILD === "1") return;
  console.log(`Built the web worker in ${buildWeb({ quiet: true }).toFixed(1)} s.`);
}
