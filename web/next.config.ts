// Next.js config. `initOpenNextCloudflareForDev()` gives `next dev` the worker's bindings and
// web/.dev.vars through getCloudflareContext(); it starts workerd, so it is skipped for builds.
// Docs: https://opennext.js.org/cloudflare/get-started
import { fileURLToPath } from "node:url";
import { initOpenNextCloudflareForDev } from "@opennextjs/cloudflare";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The shared schema lives in ../drizzle: the workspace root is the monorepo's.
  turbopack: { root: fileURLToPath(new URL("..", import.meta.url)) },
  outputFileTracingRoot: fileURLToPath(new URL("..", import.meta.url)),
  poweredByHeader: false,
};

if (process.env.NODE_ENV === "development") initOpenNextCloudflareForDev();

export default nextConfig;
