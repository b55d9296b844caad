// The task model on the production build: due dates (all day and timed, shown as Today,
// Tomorrow, Overdue in the browser's zone) and priorities; labels created, attached, shown as
// chips and filtered by; filters and search kept in the URL, surviving a reload, with the server's
// first HTML already filtered (and, from the first signed-in page, in the browser's zone); and the
// list with labels and due dates at both widths, through axe.
import type { Page } from "@playwright/test";
import { addTask, expect, expectAxeClean, newPerson, SHOTS, signUp, test, VIEWPORTS } from "./fixtures.ts";

// A zone 5.5 hours from the server's UTC, so that "today" in the wrong zone shows up.
test.use({ timezoneId: "Asia/Kolkata" });

const item = (page: Page, title: string) => page.getByRole("listitem").filter({ hasText: title }).first();

/** The browser's local date `days` from today, as a date input takes it. */
async function localDate(page: Page, days: number): Promise<string> {
  return page.evaluate((offset) => {
    const date = new Date();
    date.setDate(date.getDate() + offset);
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }, days);
}

async function addScheduledTask(page: Page, title: string, due: { date?: string; time?: string; priority?: string }) {
  const form = page.getByRole("region", { name: "Add a task" });
  await form.getByLabel("Title").fill(title);
  if (due.date) await form.getByLabel("Due date").fill(due.date);
  if (due.time) await form.getByLabel("Time").fill(due.time);
  if (due.priority) await form.getByLabel("Priority").selectOption(due.priority);
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(item(page, title)).toBeVisible();
}

/** The labels sit in a disclosure, "Labels (N)", closed on each page load: opens it unless it is open. */
async function openLabels(page: Page) {
  const form = page.getByRole("form", { name: "New label" });
  if (!(await form.isVisible()))
    await page
      .locator("summary")
      .filter({ hasText: /^Labels \(\d+\)$/ })
      .click();
  await expect(form).toBeVisible();
  return form;
}

async function createLabel(page: Page, name: string, color: string) {
  const form = await openLabels(page);
  await form.getByLabel("New label").fill(name);
  await form.getByLabel("Colour").selectOption(color);
  await form.getByRole("button", { name: "Add label" }).click();
  await expect(page.getByRole("form", { name: `Label “${name}”` })).toBeVisible();
}

async function attachLabel(page: Page, title: string, label: string) {
  // The disclosure stays open after a first label: open it only when closed.
  const group = item(page, title).getByRole("group", { name: `Labels of “${title}”` });
  if (!(await group.isVisible()))
    await page
      .locator("summary")
      .filter({ hasText: `Labels of “${title}”` })
      .click();
  await group
    .getByLabel(label)
    // click, not check(): the box turns on when React has rendered the wanted state, a moment after the click.
    .click();
  await expect(item(page, title).getByRole("list", { name: "Labels" })).toContainText(label);
}

const finder = (page: Page) => page.getByRole("region", { name: "Find tasks" });

async function chooseInFinder(page: Page, summary: string, option: string) {
  await finder(page).locator("summary").filter({ hasText: summary }).click();
  await finder(page).getByLabel(option, { exact: true }).check();
}

/** The page's HTML as the server sends it (the session's cookies, no JavaScript run). */
async function serverHtml(page: Page, path: string): Promise<string> {
  const response = await page.request.get(path);
  expect(response.status()).toBe(200);
  return response.text();
}

test("the first signed-in page is rendered in the browser's zone: nothing to reload once it hydrates", async ({ page }) => {
  // The pages a person passes through before signing in write the zone (components/ui/remember-time-zone.tsx).
  await page.goto("/signup");
  // As the browser names it (Chromium's ICU says Asia/Calcutta for the Asia/Kolkata set above).
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await expect
    .poll(async () => (await page.context().cookies()).find((cookie) => cookie.name === "tz")?.value)
    .toBe(encodeURIComponent(zone));
  // In the wrong zone, the dashboard would fetch its counts again for the right one, with a token.
  const refetches: string[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname === "/api/auth/token" || /^\/api\/[^/]+\/tasks/.test(pathname)) refetches.push(pathname);
  });
  await signUp(page, newPerson("Srinivasa Ramanujan"));
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(refetches).toEqual([]);
});

test.describe("in a browser whose locale is not the server's", () => {
  test.use({ locale: "de-DE" });

  test("the list's dates read the same in the first HTML and once hydrated, with no hydration error", async ({ page }) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await signUp(page, newPerson("Emmy Noether"));
    await page.goto("/tasks");
    await addScheduledTask(page, "Dated task", { date: await localDate(page, 3) });
    for (const path of ["/tasks", "/dashboard"]) {
      const noScript = await page
        .context()
        .browser()
        ?.newContext({ javaScriptEnabled: false, locale: "de-DE", timezoneId: "Asia/Kolkata" });
      if (!noScript) throw new Error("no browser behind this page");
      await noScript.addCookies(await page.context().cookies());
      const asServed = await noScript.newPage();
      await asServed.goto(path);
      const served = await item(asServed, "Dated task").textContent();
      await noScript.close();
      errors.length = 0;
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(await item(page, "Dated task").textContent(), path).toBe(served);
      expect(errors, path).toEqual([]);
    }
  });
});

test("a task gets a due date, with or without a time, and a priority; the list says when", async ({ page }) => {
  await signUp(page, newPerson("Grace Hopper"));
  await page.goto("/tasks");
  await addScheduledTask(page, "Pay rent", { date: await localDate(page, 0), priority: "urgent" });
  await addScheduledTask(page, "Dentist", { date: await localDate(page, 1), time: "09:30", priority: "low" });
  await addScheduledTask(page, "Return library books", { date: await localDate(page, -2) });
  await addScheduledTask(page, "Someday", {});

  await expect(item(page, "Pay rent")).toContainText("Today");
  await expect(item(page, "Pay rent")).toContainText("Urgent");
  await expect(item(page, "Dentist")).toContainText("Tomorrow 09:30");
  await expect(item(page, "Dentist")).toContainText("Low");
  await expect(item(page, "Return library books")).toContainText("Overdue");

  // After a reload (rendered on the server in the zone the browser told it), the same words.
  await page.reload();
  await expect(item(page, "Dentist")).toContainText("Tomorrow 09:30");
  expect(await serverHtml(page, "/tasks")).toContain("Tomorrow 09:30");

  // Edited: the time goes, the priority changes.
  await page.getByRole("button", { name: "Edit “Dentist”" }).click();
  const editor = page.getByRole("form", { name: "Edit “Dentist”" });
  await expect(editor.getByLabel("Time")).toHaveValue("09:30");
  await editor.getByLabel("Time").fill("");
  await editor.getByLabel("Priority").selectOption("high");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(item(page, "Dentist")).toContainText("High");
  await expect(item(page, "Dentist")).not.toContainText("09:30");
  await expect(item(page, "Dentist")).toContainText("Tomorrow");

  // The dashboard counts them, in the first HTML, in the browser's zone (the cookie it wrote).
  await page.goto("/dashboard");
  const due = page.getByRole("region", { name: "Pending tasks by due date" });
  await expect(due).toHaveText(/Overdue\s*1\s*Due today\s*1\s*Due this week\s*2/);
  await expect(page.getByText("Pending by priority").locator("..")).toHaveText(
    /Urgent\s*1\s*High\s*1\s*Medium\s*0\s*Low\s*0\s*None\s*2/,
  );
  const html = await serverHtml(page, "/dashboard");
  expect(html).toMatch(/Overdue(<[^>]+>)+1(<[^>]+>)+/);
});

test("labels are created, attached, shown as chips and filtered by; filters survive a reload", async ({ page }) => {
  await signUp(page, newPerson("Katherine Johnson"));
  await page.goto("/tasks");
  await addTask(page, "Buy milk");
  await addScheduledTask(page, "Write report", { date: await localDate(page, 0), priority: "high" });
  await addTask(page, "Fix the bike");
  await createLabel(page, "Home", "green");
  await createLabel(page, "Errand", "orange");
  await attachLabel(page, "Buy milk", "Home");
  await attachLabel(page, "Buy milk", "Errand");
  await attachLabel(page, "Fix the bike", "Home");

  // Rename and recolour: the chips follow.
  const errand = page.getByRole("form", { name: "Label “Errand”" });
  await errand.getByLabel("Name of “Errand”").fill("Errands");
  await errand.getByLabel("Colour of “Errand”").selectOption("blue");
  await errand.getByRole("button", { name: "Save “Errand”" }).click();
  await expect(item(page, "Buy milk").getByRole("list", { name: "Labels" })).toContainText("Errands");

  // Filter by one label: in the URL, and the list shows only what carries it.
  await chooseInFinder(page, "Labels", "Home");
  await expect(page).toHaveURL(/label=[0-9a-f-]{36}/);
  await expect(item(page, "Write report")).toHaveCount(0);
  await expect(item(page, "Buy milk")).toBeVisible();
  await expect(item(page, "Fix the bike")).toBeVisible();
  // Two labels: tasks that carry both.
  await finder(page).getByLabel("Errands", { exact: true }).check();
  await expect(item(page, "Fix the bike")).toHaveCount(0);
  await expect(item(page, "Buy milk")).toBeVisible();

  // Reload: the same filters, the same list, and the server's HTML is already the filtered list.
  await page.reload();
  await expect(item(page, "Buy milk")).toBeVisible();
  await expect(item(page, "Fix the bike")).toHaveCount(0);
  await finder(page).locator("summary").filter({ hasText: "Labels" }).click();
  await expect(finder(page).getByLabel("Home", { exact: true })).toBeChecked();
  await expect(finder(page).getByLabel("Errands", { exact: true })).toBeChecked();
  const html = await serverHtml(page, new URL(page.url()).pathname + new URL(page.url()).search);
  expect(html).toContain("Buy milk");
  expect(html).not.toContain("Fix the bike");
  // The chips and the labels panel are in that HTML too, before any script (nothing shifts on hydration).
  const noScript = await page.context().browser()?.newContext({ javaScriptEnabled: false });
  if (!noScript) throw new Error("no browser behind this page");
  await noScript.addCookies(await page.context().cookies());
  const asServed = await noScript.newPage();
  await asServed.goto(page.url());
  await expect(item(asServed, "Buy milk").getByRole("list", { name: "Labels" }).getByRole("listitem")).toHaveText([
    "Errands",
    "Home",
  ]);
  await expect(asServed.locator("summary").filter({ hasText: /^Labels \(2\)$/ })).toBeVisible();
  await noScript.close();

  // Due and priority filters, and a sort, in the URL and through a reload.
  await page.goto("/tasks?due=today&priority=high&sort=priority");
  await expect(item(page, "Write report")).toBeVisible();
  await expect(item(page, "Buy milk")).toHaveCount(0);
  await expect(finder(page).getByLabel("Due")).toHaveValue("today");
  await expect(finder(page).getByLabel("Sort by")).toHaveValue("priority");
  await finder(page).getByLabel("Due").selectOption("none");
  await expect(page).toHaveURL(/due=none/);
  await expect(page.getByText("No tasks match")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(item(page, "Buy milk")).toBeVisible();
  await expect(page).toHaveURL(/\/tasks$/);

  // Deleting a label takes it off its tasks (the page has been loaded again: the disclosure is closed).
  await openLabels(page);
  const home = page.getByRole("form", { name: "Label “Home”" });
  await home.getByRole("button", { name: "Delete “Home”" }).click();
  await home.getByRole("button", { name: "Delete “Home” from all tasks" }).click();
  await expect(page.getByRole("form", { name: "Label “Home”" })).toHaveCount(0);
  await expect(item(page, "Fix the bike").getByRole("list", { name: "Labels" })).toHaveCount(0);
});

test("search finds tasks by words in the title or description, kept in the URL", async ({ page }) => {
  await signUp(page, newPerson("Hedy Lamarr"));
  await page.goto("/tasks");
  await addTask(page, "Buy milk", "semi-skimmed");
  await addTask(page, "Call the plumber", "the kitchen tap drips");
  await addTask(page, "Plan the trip");

  await finder(page).getByLabel("Search tasks").fill("kitch");
  await finder(page).getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=kitch/);
  await expect(item(page, "Call the plumber")).toBeVisible();
  await expect(item(page, "Buy milk")).toHaveCount(0);
  await expect(item(page, "Plan the trip")).toHaveCount(0);

  await page.reload();
  await expect(finder(page).getByLabel("Search tasks")).toHaveValue("kitch");
  await expect(item(page, "Call the plumber")).toBeVisible();
  await expect(item(page, "Buy milk")).toHaveCount(0);

  await finder(page).getByLabel("Search tasks").fill("nothing-like-this");
  await finder(page).getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No tasks match")).toBeVisible();

  await finder(page).getByLabel("Search tasks").fill("");
  await expect(item(page, "Buy milk")).toBeVisible();
  await expect(page).toHaveURL(/\/tasks$/);
});

test("the list with labels and due dates, at desktop and phone width, passes axe", async ({ page }) => {
  test.slow();
  await signUp(page, newPerson("Ada Lovelace"));
  await page.goto("/tasks");
  await addScheduledTask(page, "Submit the tax return", { date: await localDate(page, -1), priority: "urgent" });
  await addScheduledTask(page, "Buy milk", { date: await localDate(page, 0), priority: "medium" });
  await addScheduledTask(page, "Dentist", { date: await localDate(page, 1), time: "09:30", priority: "low" });
  await addScheduledTask(page, "Plan the summer trip", { date: await localDate(page, 9), priority: "high" });
  await addTask(page, "Read a book");
  await createLabel(page, "Home", "green");
  await createLabel(page, "Work", "blue");
  await createLabel(page, "Health", "pink");
  await attachLabel(page, "Buy milk", "Home");
  await attachLabel(page, "Submit the tax return", "Work");
  await attachLabel(page, "Dentist", "Health");
  await attachLabel(page, "Plan the summer trip", "Home");

  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.goto("/tasks?sort=due");
    await page.waitForLoadState("networkidle");
    await expect(item(page, "Dentist")).toBeVisible();
    await expect(page.locator("[aria-busy='true']")).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/tasks-labels-due-${label}.png`, fullPage: true });
    await expectAxeClean(page, `tasks with labels and due dates at ${label}`);
  }
});
