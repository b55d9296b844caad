// Export from the tasks page on the production build: the CSV and JSON buttons download every task
// with its labels from the API worker (the browser's own token), and a title that a spreadsheet
// would run as a formula arrives neutralised.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { addTask, expect, newPerson, signUp, test } from "./fixtures.ts";

async function download(page: Page, name: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name, exact: true }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, "utf8") };
}

test("the CSV and JSON buttons download every task, formulas neutralised", async ({ page }) => {
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
