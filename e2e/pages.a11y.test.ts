// Every page at desktop and phone width: a screenshot for the README (docs/screenshots/) and an
// axe-core pass with no serious or critical violations.
import { resolve } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { addTask, expect, newPerson, signUp, test } from "./fixtures.ts";

const SHOTS = resolve(import.meta.dirname, "../docs/screenshots");
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

async function checkPage(page: Page, name: string, path: string) {
  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expect(page.locator("[aria-busy='true']")).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
    const results = await new AxeBuilder({ page }).analyze();
    const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
      `${name} at ${label}`,
    ).toEqual([]);
  }
}

test("public pages", async ({ page }) => {
  await checkPage(page, "landing", "/");
  await checkPage(page, "signin", "/signin");
  await checkPage(page, "signup", "/signup");
});

test("signed-in pages", async ({ page }) => {
  await signUp(page, newPerson("Ada Lovelace"));
  await page.goto("/tasks");
  await addTask(page, "Buy milk", "2 litres, semi-skimmed");
  await addTask(page, "Write the quarterly report");
  await addTask(page, "Book the dentist");
  await page.getByLabel("Mark “Buy milk” as completed").check();
  await checkPage(page, "dashboard", "/dashboard");
  await checkPage(page, "tasks", "/tasks");
  await checkPage(page, "settings", "/settings");
});
