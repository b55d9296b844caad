// Browser tests: Debian's Chromium (never a downloaded browser) against the production build of
// both workers under wrangler dev (e2e/stack.ts). One worker, since the tests stop and restart
// parts of the one stack. Docs: https://playwright.dev/docs/test-configuration
import { defineConfig } from "@playwright/test";
import { WEB_URL } from "./stack.ts";

export default defineConfig({
  testDir: ".",
  testMatch: "*.test.ts",
  globalSetup: "./global-setup.ts",
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  outputDir: "../.e2e-results",
  reporter: [["list"]],
  use: {
    baseURL: WEB_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // The machine has no outside network: keep Chromium from trying to phone home.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
