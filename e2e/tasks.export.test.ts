// Export from the tasks page on the production build: the CSV and JSON links download every task
// with its labels through the web worker (the session cookie, not a token in the page), a title
// that a spreadsheet would run as a formula arrives neutralised, and a followed link after the
// session ended goes to sign-in instead of an error page.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { addTask, expect, newPerson, signUp, test } from "./fixtures.ts";

async function download(page: Page, name: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name, exact: true }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, "utf8") };
}

test("the CSV and JSON links download every task, formulas neutralised", async ({ page }) => {
  await signUp(page, newPerson());
  await page.goto("/tasks");
  await addTask(page, '=HYPERLINK("http://evil.example")', "a formula a spreadsheet must not run");
  await addTask(page, "Water the plants, twice", 'says "twice"');

  const csv = await download(page, "CSV");
  expect(csv.name).toMatch(/^tasks-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = csv.text.trim().split(/\r?\n/);
  expect(header).toContain("title");
  expect(rows).toHaveLength(2);
  // Prefixed with a quote, so that the cell is text: the spreadsheet shows it and runs nothing.
  expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  expect(csv.text).toContain('"Water the plants, twice"');

  const json = await download(page, "JSON");
  expect(json.name).toMatch(/^tasks-\d{4}-\d{2}-\d{2}\.json$/);
  const body = JSON.parse(json.text) as { tasks: { title: string; labels: unknown[] }[] };
  expect(body.tasks.map((task) => task.title).sort()).toEqual(['=HYPERLINK("http://evil.example")', "Water the plants, twice"]);
  for (const task of body.tasks) expect(task.labels).toEqual([]);
});

test("a wrong format is a 422 that says so; an ended session goes to sign-in", async ({ page, context }) => {
  await signUp(page, newPerson());
  const wrong = await page.request.get("/tasks/export?format=xlsx", { maxRedirects: 0 });
  expect(wrong.status()).toBe(422);
  expect(await wrong.json()).toMatchObject({ code: "validation_failed", details: { format: ["format must be csv or json"] } });

  await context.clearCookies();
  const signedOut = await page.request.get("/tasks/export?format=csv", { maxRedirects: 0 });
  expect(signedOut.status()).toBe(307);
  expect(signedOut.headers().location).toMatch(/\/signin\?from=/);
});
