// Every page at desktop and phone width: a screenshot for the README (docs/screenshots/) and an
// axe-core pass with no serious or critical violations.
import type { Page } from "@playwright/test";
import { addTask, expect, expectAxeClean, newPerson, SHOTS, signUp, test, VIEWPORTS } from "./fixtures.ts";

async function checkPage(page: Page, name: string, path: string) {
  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expect(page.locator("[aria-busy='true']")).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
    await expectAxeClean(page, `${name} at ${label}`);
  }
}

test("public pages", async ({ page }) => {
  // Seven pages at two widths, each with an axe pass: several times a one-page test's work, and
  // past the 90 s default on two busy cores.
  test.slow();
  await checkPage(page, "landing", "/");
  await checkPage(page, "signin", "/signin");
  await checkPage(page, "signup", "/signup");
  await checkPage(page, "forgot-password", "/forgot-password");
  await checkPage(page, "reset-password", "/reset-password?token=abcdefghijklmnopqrstuvwx");
  await checkPage(page, "reset-password-invalid", "/reset-password?error=INVALID_TOKEN");
  await checkPage(page, "verify-email-expired", "/verify-email?error=TOKEN_EXPIRED");
});

test("sign-up's check-your-inbox state", async ({ page }) => {
  const person = newPerson("Mary Somerville");
  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.goto("/signup");
    await page.getByLabel("Name").fill(person.name);
    await page.getByLabel("Email").fill(label === "desktop" ? person.email : `phone-${person.email}`);
    await page.getByLabel("Password", { exact: true }).fill(person.password);
    await page.getByLabel("Confirm password").fill(person.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/check-inbox-${label}.png`, fullPage: true });
    await expectAxeClean(page, `check inbox at ${label}`);
  }
});

test("signed-in pages", async ({ page }) => {
  test.slow(); // a sign-up, three tasks, then three pages at two widths with an axe pass each
  await signUp(page, newPerson("Ada Lovelace"));
  await page.goto("/tasks");
  await addTask(page, "Buy milk", "2 litres, semi-skimmed");
  await addTask(page, "Write the quarterly report");
  await addTask(page, "Book the dentist");
  await page.getByRole("checkbox", { name: "Mark “Buy milk” as completed" }).check();
  await checkPage(page, "dashboard", "/dashboard");
  await checkPage(page, "tasks", "/tasks");
  await checkPage(page, "settings", "/settings");
});
