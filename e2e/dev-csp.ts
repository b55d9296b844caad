/**
 * `node e2e/dev-csp.ts [url]`: the CSP check against `npm run dev` (the browser tests drive the
 * production build). Chromium signs up, adds a task and opens every page; the run fails on any
 * Content-Security-Policy violation (dev allows eval for fast refresh, nothing else).
 * CI runs it while its `npm run dev` smoke stack is up.
 */
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:3000";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  const page = await browser.newPage();
  const violations: string[] = [];
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`),
    ),
  );
  page.on("console", (message) => {
    if (/CSP violation|Content Security Policy/.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${base}/`);
  await page.goto(`${base}/signup`);
  await page.getByLabel("Name").fill("Dev Csp");
  await page.getByLabel("Email").fill(`dev-csp-${Date.now()}@example.test`);
  await page.getByLabel("Password", { exact: true }).fill("correct horse battery");
  await page.getByLabel("Confirm password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/dashboard$/, { timeout: 60_000 });
  await page.goto(`${base}/tasks`);
  const form = page.getByRole("region", { name: "Add a task" });
  await form.getByLabel("Title").fill("written under npm run dev");
  await form.getByRole("button", { name: "Add task" }).click();
  await page.getByRole("listitem").filter({ hasText: "written under npm run dev" }).waitFor({ timeout: 30_000 });
  await page.goto(`${base}/settings`);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL(/\/signin/, { timeout: 30_000 });
  if (violations.length > 0) {
    console.error(`dev-csp: ${violations.length} CSP violation(s):\n${violations.join("\n")}`);
    process.exitCode = 1;
  } else {
    console.log("dev-csp: sign-up, dashboard, tasks, settings and sign-out under npm run dev: 0 CSP violations");
  }
} finally {
  await browser.close();
}
