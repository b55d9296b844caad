// Next.js config. `initDevBindings()` (OpenNext's `initOpenNextCloudflareForDev()`) gives `next dev`
// the worker's bindings and web/.dev.vars through getCloudflareContext(); it starts workerd, so it
// is skipped for builds.
// Docs: https://opennext.js.org/cloudflare/get-started
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";
import { initDevBindings } from "./lib/dev-bindings.ts";
import { NON_PAGE_CSP, SECURITY_HEADERS } from "./lib/http/security-headers.ts";

const nextConfig: NextConfig = {
  async headers() {
    // Pages get their Content-Security-Policy (with a script nonce) from the middleware.
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }] },
    ];
  },
  // The shared schema lives in ../drizzle: the workspace root is the monorepo's.
  turbopack: {
    root: fileURLToPath(new URL("..", import.meta.url)),
  },
  outputFileTracingRoot: fileURLToPath(new URL("..", import.meta.url)),
  poweredByHeader: false,
  // Loaded from node_modules instead of being inlined in each route's chunks: the auth route and
  // the server components would otherwise each carry their own copy, and OpenNext's bundler then
  // includes one (the web worker's gzip budget is 1.5 MiB). Passkeys' plugin and SimpleWebAuthn
  // too: inlined, they were in three chunks (the auth route, the (app) pages, verify-email), and
  // the plugin's `import * as z from "zod"` made the whole of zod (its locales too) load at run
  // time; bundled once by OpenNext, zod is tree-shaken again (1796.08 -> 1649.96 KiB gzip).
  serverExternalPackages: [
    "better-auth",
    "@better-auth/core",
    "@better-auth/passkey",
    "@simplewebauthn/server",
    "@neondatabase/serverless",
    "drizzle-orm",
    "zod",
  ],
};

if (process.env.NODE_ENV === "development") void initDevBindings();

export default nextConfig;
