// OpenNext for Cloudflare. Defaults (no incremental cache): every page here is dynamic and per user.
// Docs: https://opennext.js.org/cloudflare/get-started
import { defineCloudflareConfig } from "@opennextjs/cloudflare";

export default {
  ...defineCloudflareConfig(),
  // `next build`, then stand-ins over three parts of Next's server this app never runs (the Pages
  // Router runtime, fast-jwt, the test proxy), in the standalone output OpenNext bundles next:
  // scripts/lib/next-stand-ins.ts says why each is unreachable.
  buildCommand: "npm run build:standalone",
};
