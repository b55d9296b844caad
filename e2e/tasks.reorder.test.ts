// Editing in place, ordering by hand and the keyboard, on the production build: a title edited
// where it stands (Enter saves, Escape cancels, the forms' message for an empty one); tasks moved
// in manual order by dragging their handle with the mouse and with the keyboard (dnd-kit), the
// order surviving a reload and showing at once in another tab; the shortcuts, never while typing;
// and the `?` help dialog at both widths, through axe.
import type { Page } from "@playwright/test";
import { addTask, checkAtBothWidths, expect, newPerson, signUp, test, untilLive } from "./fixtures.ts";

const MANUAL = "/tasks?sort=position";
const handles = (page: Page) => page.getByRole("button", { name: /^Move “/ });
const row = (page: Page, title: string) => page.locator("[data-task-id]").filter({ hasText: title });

/** The list's order, as the handles name the tasks. */
async function expectOrder(page: Page, titles: string[]) {
  await expect(handles(page)).toHaveText(titles.map((title) => `Move “${title}”`));
}

test("a title is edited where it stands: Enter saves, Escape cancels, an empty one is refused", async ({ page }) => {
  await signUp(page, newPerson("Ada Lovelace"));
  await page.goto("/tasks");
  await addTask(page, "Buy milk");

  await row(page, "Buy milk").getByText("Buy milk", { exact: true }).dblclick();
  const field = page.getByRole("textbox", { name: "Title of “Buy milk”" });
  await expect(field).toBeFocused();
  await field.fill("Buy oat milk");
  await field.press("Enter");
  await expect(field).toHaveCount(0);
  await expect(row(page, "Buy oat milk")).toBeVisible();

  await row(page, "Buy oat milk").getByText("Buy oat milk", { exact: true }).dblclick();
  const again = page.getByRole("textbox", { name: "Title of “Buy oat milk”" });
  await again.fill("Something else");
  await again.press("Escape");
  await expect(again).toHaveCount(0);
  await expect(row(page, "Buy oat milk")).toBeVisible();
  await expect(page.getByText("Something else")).toHaveCount(0);

  // The keyboard's way in: `e` on the current task; an empty title gets the forms' own message.
  await row(page, "Buy oat milk").focus();
  await page.keyboard.press("e");
  const byKey = page.getByRole("textbox", { name: "Title of “Buy oat milk”" });
  await expect(byKey).toBeFocused();
  await byKey.fill("   ");
  await byKey.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Give the task a title." })).toBeVisible();
  await expect(byKey).toHaveAttribute("aria-invalid", "true");
  await byKey.press("Escape");

  await page.reload();
  await expect(row(page, "Buy oat milk")).toBeVisible();
});

test("tasks move by mouse and by keyboard in manual order; the order survives a reload and shows in another tab", async ({
  page,
  context,
}) => {
  await signUp(page, newPerson("Grace Hopper"));
  await page.goto("/tasks");
  for (const title of ["First", "Second", "Third"]) await addTask(page, title);

  // Sorted by creation there is no handle to drag.
  await expect(handles(page)).toHaveCount(0);

  const other = await context.newPage();
  await untilLive(other, () => other.goto(MANUAL, { waitUntil: "commit" }));
  await expectOrder(other, ["First", "Second", "Third"]);
  await untilLive(page, () => page.goto(MANUAL, { waitUntil: "commit" }));
  await expectOrder(page, ["First", "Second", "Third"]);

  // The mouse: Third's handle dragged above First (on screen: the page is taller than the window).
  await page.setViewportSize({ width: 1280, height: 1400 });
  await handles(page).nth(2).scrollIntoViewIfNeeded();
  const from = await handles(page).nth(2).boundingBox();
  const to = await handles(page).nth(0).boundingBox();
  if (!from || !to) throw new Error("no handle box");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y - 5, { steps: 15 });
  await page.mouse.up();
  await expect(page.getByText(/“Third” dropped at position 1 of 3/)).toBeAttached();
  await expectOrder(page, ["Third", "First", "Second"]);
  await expectOrder(other, ["Third", "First", "Second"]);

  // The keyboard: Space picks First up, ArrowDown moves it one place, Space drops it.
  const first = page.getByRole("button", { name: "Move “First”" });
  await first.focus();
  await page.keyboard.press("Space");
  // dnd-kit announces the pick-up, then what the task is over: at first its own place.
  await expect(page.getByText(/“First” is over position 2 of 3/)).toBeAttached();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByText(/“First” is over position 3 of 3/)).toBeAttached();
  await page.keyboard.press("Space");
  await expectOrder(page, ["Third", "Second", "First"]);
  await expectOrder(other, ["Third", "Second", "First"]);

  await page.reload();
  await expectOrder(page, ["Third", "Second", "First"]);
});

test("shortcuts act on the current task, never while typing; `?` opens their help", async ({ page }) => {
  await signUp(page, newPerson("Alan Turing"));
  await page.goto("/tasks");
  await addTask(page, "Older");
  await addTask(page, "Newer");

  await page.getByRole("heading", { name: "Your tasks" }).click();
  await page.keyboard.press("n");
  const title = page.getByRole("region", { name: "Add a task" }).getByLabel("Title");
  await expect(title).toBeFocused();
  // Typed into the field, not taken as shortcuts.
  await page.keyboard.type("jkx?");
  await expect(title).toHaveValue("jkx?");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await title.fill("");

  await page.getByRole("heading", { name: "Your tasks" }).click();
  await page.keyboard.press("j");
  await expect(row(page, "Newer")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(row(page, "Older")).toBeFocused();
  await page.keyboard.press("x");
  await expect(page.getByRole("checkbox", { name: "Mark “Older” as completed" })).toBeChecked();
  await page.keyboard.press("k");
  await expect(row(page, "Newer")).toBeFocused();
  await page.keyboard.press("Delete");
  await expect(page.getByRole("group", { name: "Confirm deleting “Newer”" })).toBeVisible();
  await page.getByRole("group", { name: "Confirm deleting “Newer”" }).getByRole("button", { name: "Cancel" }).click();
  // With a modifier a key stays the browser's.
  await page.keyboard.press("Control+j");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox", { name: "Search tasks" })).toBeFocused();
  await page.getByRole("heading", { name: "Your tasks" }).click();

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help.getByRole("button", { name: "Close" })).toBeFocused();
  // The page behind is inert: Tab never takes the focus out to it.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Tab");
    const outside = await page.evaluate(() => {
      const active = document.activeElement;
      return active !== null && active !== document.body && active.closest("dialog") === null;
    });
    expect(outside, "focus left the dialog").toBe(false);
  }
  await checkAtBothWidths(page, "tasks-shortcuts", help);
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.getByRole("button", { name: /Keyboard shortcuts/ }).click();
  await expect(help).toBeVisible();
  await help.getByRole("button", { name: "Close" }).click();
  await expect(help).toBeHidden();
});
