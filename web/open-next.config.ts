// OpenNext for Cloudflare. Defaults (no incremental cache): every page here is dynamic and per user.
// Docs: https://opennext.js.org/cloudflare/get-started
import { defineCloudflareConfig } from "@opennextjs/cloudflare";

export default defineCloudflareConfig();
