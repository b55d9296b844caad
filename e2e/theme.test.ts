// Dark mode (issue 19, item 10): the theme comes from the server in the first HTML — the system's
// when nothing was chosen, the cookie's when something was — so pages are right with JavaScript
// off, and never flash the other theme; the toggle's choice survives a reload; the main pages pass
// axe in dark at desktop and phone width, with a screenshot each (docs/screenshots/*-dark.png).
// Light is pages.a11y.test.ts. CSP violations fail every test here through the fixtures.
import type { Browser, Page } from "@playwright/test";
import { actAsClient, addTask, expect, expectAxeClean, newPerson, SHOTS, signUp, test, VIEWPORTS, watchCsp } from "./fixtures.ts";
import { WEB_URL } from "./stack.ts";

/** The body's background (zinc-950 in dark, zinc-50 in light), as "dark" or "light" by its brightness. */
const DARK_BACKGROUND = "dark";
const LIGHT_BACKGROUND = "light";

/** Chromium reports Tailwind's colours as lab(); a canvas turns any CSS colour into sRGB bytes. */
const bodyBackground = (page: Page) =>
  page.locator("body").evaluate((body) => {
    const context = document.createElement("canvas").getContext("2d");
    if (!context) throw new Error("no 2d canvas");
    context.fillStyle = getComputedStyle(body).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const [red = 0, green = 0, blue = 0] = context.getImageData(0, 0, 1, 1).data;
    return (red + green + blue) / 3 < 128 ? "dark" : "light";
  });

/** A page with scripts off: what it shows is the server's HTML and the stylesheet, nothing else. */
async function scriptlessPage(browser: Browser, options: { colorScheme: "light" | "dark"; theme?: string }) {
  const context = await browser.newContext({ baseURL: WEB_URL, javaScriptEnabled: false, colorScheme: options.colorScheme });
  await actAsClient(context, "198.51.100.250");
  if (options.theme) await context.addCookies([{ name: "theme", value: options.theme, url: WEB_URL }]);
  return context.newPage();
}

test("a dark system gets a dark page in the first HTML, with no script", async ({ browser, request, stack }) => {
  void stack; // the stack must be up before the first request
  const html = await (await request.get("/signin")).text();
  expect(html).toMatch(/<html[^>]* data-theme="system"/);

  const page = await scriptlessPage(browser, { colorScheme: "dark" });
  const violations = watchCsp(page);
  await page.goto("/signin");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
  expect(await bodyBackground(page)).toBe(DARK_BACKGROUND);
  expect(violations).toEqual([]);
  await page.context().close();
});

test("the cookie's choice wins over the system's, in the first HTML", async ({ browser, stack }) => {
  void stack;
  for (const [colorScheme, theme, background] of [
    ["light", "dark", DARK_BACKGROUND],
    ["dark", "light", LIGHT_BACKGROUND],
    // An unknown value is no choice: the system's theme.
    ["dark", "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", DARK_BACKGROUND],
  ] as const) {
    const page = await scriptlessPage(browser, { colorScheme, theme });
    const html = await (await page.goto("/"))?.text();
    expect(html).not.toContain("<script>alert(1)");
    expect(await bodyBackground(page), `${theme} on a ${colorScheme} system`).toBe(background);
    await page.context().close();
  }
});

test("the toggle applies at once and is remembered across a reload, signed out and in", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/signin");
  const group = page.getByRole("group", { name: "Theme" });
  await expect(group.getByRole("radio", { name: "System" })).toBeChecked();
  await group.getByText("Dark").click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await bodyBackground(page)).toBe(DARK_BACKGROUND);

  const reloaded = await page.reload();
  expect(await reloaded?.text()).toMatch(/<html[^>]* data-theme="dark"/);
  await expect(page.getByRole("group", { name: "Theme" }).getByRole("radio", { name: "Dark" })).toBeChecked();

  await signUp(page, newPerson("Grace Hopper"));
  const header = page.getByRole("banner");
  await expect(header.getByRole("radio", { name: "Dark" })).toBeChecked();
  expect(await bodyBackground(page)).toBe(DARK_BACKGROUND);
  await header.getByText("Light").click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.reload();
  await expect(page.getByRole("banner").getByRole("radio", { name: "Light" })).toBeChecked();
  expect(await bodyBackground(page)).toBe(LIGHT_BACKGROUND);
});

async function checkDark(page: Page, name: string, path: string) {
  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expect(page.locator("[aria-busy='true']")).toHaveCount(0);
    expect(await bodyBackground(page), `${name} at ${label}`).toBe(DARK_BACKGROUND);
    await page.screenshot({ path: `${SHOTS}/${name}-${label}-dark.png`, fullPage: true });
    await expectAxeClean(page, `${name} at ${label}, dark`);
  }
}

test("the main pages in dark pass axe, at desktop and phone width", async ({ page }) => {
  test.slow(); // a sign-up, three tasks, six pages at two widths with an axe pass each
  // Signed out by the system's preference, signed in by the cookie: both ways into dark.
  await page.emulateMedia({ colorScheme: "dark" });
  await checkDark(page, "landing", "/");
  await checkDark(page, "signin", "/signin");
  await checkDark(page, "signup", "/signup");

  await page.emulateMedia({ colorScheme: "light" });
  await page.context().addCookies([{ name: "theme", value: "dark", url: WEB_URL }]);
  await signUp(page, newPerson("Ada Lovelace"));
  await page.goto("/tasks");
  await addTask(page, "Buy milk", "2 litres, semi-skimmed");
  await addTask(page, "Write the quarterly report");
  await addTask(page, "Book the dentist");
  await page.getByRole("checkbox", { name: "Mark “Buy milk” as completed" }).check();
  await checkDark(page, "dashboard", "/dashboard");
  await checkDark(page, "tasks", "/tasks");
  await checkDark(page, "settings", "/settings");
});
