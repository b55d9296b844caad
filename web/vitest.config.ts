// Component tests: React components in happy-dom with Testing Library. External services (Better
// Auth's client, the tasks API hook, Next's router) are mocked per test file.
// Docs: https://vitest.dev/config/
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Vite 8 transforms TS/JSX with Oxc; React 19's automatic runtime needs no `import React`.
  oxc: { jsx: { runtime: "automatic" } },
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    name: "web",
    environment: "happy-dom",
    // A real origin, so history.replaceState and relative URLs behave as in the browser.
    environmentOptions: { happyDOM: { url: "http://localhost:3000/" } },
    include: ["test/**/*.test.tsx"],
    setupFiles: ["test/setup.ts"],
  },
});
