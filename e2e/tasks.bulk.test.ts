// Acting on many tasks on the production build: select with a click and a shift-click, complete
// them in one request and undo it; label them, delete them and undo it (they come back with their
// labels, where they stood, and survive a reload: the API wrote them back); clear completed. And
// the bulk selection at both widths, through axe.
import type { Page } from "@playwright/test";
import { addTask, checkAtBothWidths, expect, newPerson, signUp, test } from "./fixtures.ts";

const TITLES = ["Water the plants", "Pay the rent", "Call the bank", "Book the dentist"];

const item = (page: Page, title: string) => page.getByRole("listitem").filter({ hasText: title }).first();
const selectBox = (page: Page, title: string) => page.getByRole("checkbox", { name: `Select “${title}”` });
const doneBox = (page: Page, title: string) => page.getByRole("checkbox", { name: `Mark “${title}” as completed` });
const bar = (page: Page) => page.getByRole("group", { name: "Act on several tasks" });
const notice = (page: Page) => page.getByRole("group", { name: "Undo" });

/** The task titles in the order the list shows them. */
const shownTitles = (page: Page) =>
  page
    .getByRole("checkbox", { name: /^Select “/ })
    .evaluateAll((boxes) => boxes.map((box) => (box.getAttribute("aria-label") ?? "").replace(/^Select “(.*)”$/, "$1")));

async function createLabel(page: Page, name: string) {
  await page
    .locator("summary")
    .filter({ hasText: /^Labels \(\d+\)$/ })
    .click();
  const form = page.getByRole("form", { name: "New label" });
  await form.getByLabel("New label").fill(name);
  await form.getByRole("button", { name: "Add label" }).click();
  await expect(page.getByRole("form", { name: `Label “${name}”` })).toBeVisible();
}

test("select with click and shift-click, complete and undo, label, delete and undo, clear completed", async ({ page }) => {
  await signUp(page, newPerson("Grace Hopper"));
  await page.goto("/tasks");
  for (const title of TITLES) await addTask(page, title);
  await createLabel(page, "Errand");
  // Newest first.
  const order = [...TITLES].reverse();
  await expect.poll(() => shownTitles(page)).toEqual(order);

  // Click the first, shift-click the third: the three between, inclusive.
  await selectBox(page, order[0] as string).click();
  await selectBox(page, order[2] as string).click({ modifiers: ["Shift"] });
  await expect(bar(page)).toContainText("3 selected");
  for (const title of order.slice(0, 3)) await expect(selectBox(page, title)).toBeChecked();
  await expect(selectBox(page, order[3] as string)).not.toBeChecked();

  await checkAtBothWidths(page, "tasks-bulk-selection");

  // Complete them: one request; Undo reopens them.
  const bulkRequests: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && /\/tasks\/(bulk|restore)$/.test(request.url())) bulkRequests.push(request.url());
  });
  await bar(page).getByRole("button", { name: "Complete", exact: true }).click();
  for (const title of order.slice(0, 3)) await expect(doneBox(page, title)).toBeChecked();
  await expect(notice(page)).toContainText("Completed 3 tasks.");
  expect(bulkRequests).toHaveLength(1);
  await notice(page).getByRole("button", { name: "Undo" }).click();
  for (const title of order.slice(0, 3)) await expect(doneBox(page, title)).not.toBeChecked();
  await expect(notice(page)).toHaveCount(0);

  // Label them, then delete them; Undo brings them back with the label, where they stood.
  await bar(page).getByRole("button", { name: "Add label" }).click();
  for (const title of order.slice(0, 3))
    await expect(item(page, title).getByRole("list", { name: "Labels" })).toContainText("Errand");
  await bar(page).getByRole("button", { name: "Delete", exact: true }).click();
  await expect.poll(() => shownTitles(page)).toEqual([order[3]]);
  await expect(notice(page)).toContainText("Deleted 3 tasks.");
  await notice(page).getByRole("button", { name: "Undo" }).click();
  await expect.poll(() => shownTitles(page)).toEqual(order);
  await page.reload();
  await expect.poll(() => shownTitles(page)).toEqual(order);
  for (const title of order.slice(0, 3))
    await expect(item(page, title).getByRole("list", { name: "Labels" })).toContainText("Errand");
  await expect(item(page, order[3] as string).getByRole("list", { name: "Labels" })).toHaveCount(0);

  // One task completed on its own offers Undo too; then clear completed deletes the completed ones only.
  await doneBox(page, order[1] as string).click();
  await expect(notice(page)).toContainText(`Completed “${order[1]}”.`);
  await doneBox(page, order[3] as string).click();
  await expect(notice(page)).toContainText(`Completed “${order[3]}”.`);
  await bar(page).getByRole("button", { name: "Clear completed" }).click();
  await expect.poll(() => shownTitles(page)).toEqual([order[0], order[2]]);
  await expect(notice(page)).toContainText("Deleted 2 tasks.");
  await page.reload();
  await expect.poll(() => shownTitles(page)).toEqual([order[0], order[2]]);
});
